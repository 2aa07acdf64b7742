"""factdesk benchmarks: each figure measured next to a baseline in the same run."""
