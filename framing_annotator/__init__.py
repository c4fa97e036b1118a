"""Framing Annotator: annotate quotes, speakers and frames in news articles."""

__version__ = "0.1.0"
