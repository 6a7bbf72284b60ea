"""Make the bundled sample report (a 2023 PDF with a few typical published errors). Run from the checkout root."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.makers import make_values, write_pdf  # noqa: E402

values = make_values("2021", seed=2023)
appl = values["applications"]
appl["granted"]["natural_person"] += 1  # 总计 no longer the sum of the six applicant columns
review = values["review_litigation"]["count"]
review["review.total"] = 0  # a total printed 0 beside non-zero parts
out = Path(__file__).resolve().parents[1] / "gdchecker" / "resources" / "sample" / "sample-2023.pdf"
write_pdf(str(out), "2021", 2023, "示例市交通运输局", values, blanks=[("applications", "carry_forward", "research")])
print(out)
