"""A covering index for a search in one country, newest first (PostgreSQL only).

The API's page of 1,000 results of a common word in one country walked the primary key
backwards through the table, reading ~85,000 whole rows (the leaf text included, ~400 bytes
each) to keep 1,000 (benchmarks/hub.py at 1,000,000 entries). This index holds, in the search's
order, every column the search filters on, so the search reads only the country's index
tuples (an index-only scan, ~11,000 of ~60 bytes) and then the 1,000 rows it keeps, by primary
key (hub/search.py, `page_indexes`). Other databases keep the plain scan.
"""

from django.db import migrations

from torturefree_service.hub.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE INDEX IF NOT EXISTS hub_reg_country_newest ON hub_registerentry (country, index) "
    "INCLUDE (action, kind, name_key, valid_from, valid_until, withdrawn_on)",
]
DROP = ["DROP INDEX IF EXISTS hub_reg_country_newest"]


class Migration(migrations.Migration):
    dependencies = [("hub", "0009_case_accounts")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]
