"""Reference apps the page benchmark (benchmarks/bench_pages.py) measures this dashboard against."""
