"""SalesDojo scoring library: audio -> transcript -> scorecard. Flask- and database-free."""

__all__ = ["__version__"]
__version__ = "0.1.0"
