"""corpus: the suggester over corpora too big for a project file, on Dask.

At the services level. The only package (with ``io/parquet.py``) that imports Dask,
distributed or pyarrow, and it does so lazily: the app and the other commands never
pay for them, and without the ``corpus`` extra the commands say what to install.
"""
