"""Trade monitoring: trade statistics loaded to Parquet, mirror statistics and flags in Ibis.

The analytics are Ibis expressions run by DuckDB (embedded default) or PySpark (a configured
Spark master). Core package: never imports Django, the service or the CLI.
"""

from torturefree.trade.engine import Engine, open_engine
from torturefree.trade.params import Parameters, load_parameters
from torturefree.trade.store import ImportResult, TradeStore

__all__ = [
    "Engine",
    "ImportResult",
    "Parameters",
    "TradeStore",
    "load_parameters",
    "open_engine",
]
