from tests.browser.conftest import PERIOD, login

def test_shots(page, municipality):
    login(page, "leder")
    for name, url in [("ov_team", f"/oversigt/?{PERIOD}&by=team"), ("ov_area", f"/oversigt/?{PERIOD}&by=område"),
                      ("grants_acc", f"/bevillinger/?{PERIOD}&account=5.28.21"), ("postings", f"/posteringer/?{PERIOD}&team=(uden)"),
                      ("ov_2027", "/oversigt/?year=2027&as_of=2027-01-31")]:
        page.goto(url)
        page.screenshot(path=f"/tmp/trust_{name}.png", full_page=True)
