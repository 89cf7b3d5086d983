"""All models of the project, one module per concern; this package is the only place
that knows the database."""

from socialstyring.storage.models.access import Membership, Team  # noqa: F401
from socialstyring.storage.models.audit import AuditEntry  # noqa: F401
from socialstyring.storage.models.casework import (  # noqa: F401
    Approval,
    CaseReview,
    CohortGrant,
    FocusArea,
    FocusRule,
)
from socialstyring.storage.models.data import (  # noqa: F401
    Account,
    Budget,
    Grant,
    ImportRecord,
    Municipality,
    ParagraphMapping,
    Posting,
    Provider,
    RefundThreshold,
)
from socialstyring.storage.models.economics import (  # noqa: F401
    BusinessCase,
    Investment,
    InvestmentGrant,
    Scenario,
)
from socialstyring.storage.models.followup import (  # noqa: F401
    BufferPool,
    Snapshot,
    SnapshotGrant,
    SnapshotLine,
)
from socialstyring.storage.models.installation import Installation  # noqa: F401
from socialstyring.storage.models.management import (  # noqa: F401
    Action,
    ActionPlan,
    Appeal,
    ComparisonGroup,
    FocusPoint,
    KeyFigure,
    Population,
    Target,
)
from socialstyring.storage.models.performance import (  # noqa: F401
    DataVersion,
    ImportJob,
    ImportJobFile,
    PostingDay,
)
from socialstyring.storage.models.regional import (  # noqa: F401
    AgreementParameter,
    ObjectiveFinancing,
    OfferAccounts,
    OfferBudget,
    SpecialTerm,
    TargetGroup,
)
