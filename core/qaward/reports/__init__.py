"""What a reviewer takes away: CSV and Excel files and the printable HTML report, all rendered
from the operations' JSON results (never recomputed)."""
