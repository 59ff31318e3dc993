"""A trigram index on the register's normalised names (PostgreSQL only).

The search matches each word anywhere in the name (`name_key LIKE '%word%'`); a B-tree cannot
answer that, so a rare name made PostgreSQL read the whole register (benchmarks/hub.py, 'a rare
name'). pg_trgm's GIN index answers such LIKE patterns. Other databases keep the plain scan.
"""

from django.db import migrations

from torturefree_service.hub.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS hub_reg_name_trgm ON hub_registerentry "
    "USING gin (name_key gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS hub_reg_name_trgm"]


class Migration(migrations.Migration):
    dependencies = [("hub", "0007_watchlist_ftm")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]
