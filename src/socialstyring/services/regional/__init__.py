"""Use cases of the regional market (docs/regional.md): tariffs and settlements from
files or the database, occupancy, sales and purchases, offers at risk, supply against
demand, bringing citizens home; the agreements' parameter sets."""
