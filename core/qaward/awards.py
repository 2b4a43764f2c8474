"""Higher awards the regulations name, known to the core without plugins (the data contract).

Their validity is left unknown (None) where none of our texts states it: a record of such an
award may carry ``valid_until`` itself, otherwise a rule that needs it reports "undetermined".
"""

from qaward.model import Level
from qaward.terms import Award

HIGHER_AWARDS: tuple[Award, ...] = (
    Award("china_quality_award", "中国质量奖", Level.national),
    Award(
        "jiangxi_jinggang", "江西省井冈质量奖", Level.provincial, "360000", "china_quality_award"
    ),
    Award("henan_governor", "河南省省长质量奖", Level.provincial, "410000", "china_quality_award"),
    Award(
        "zhejiang_government",
        "浙江省人民政府质量奖",
        Level.provincial,
        "330000",
        "china_quality_award",
    ),
    Award("xinxiang_mayor", "新乡市市长质量奖", Level.municipal, "410700", "henan_governor"),
    Award(
        "jinhua_government",
        "金华市人民政府质量奖",
        Level.municipal,
        "330700",
        "zhejiang_government",
    ),
)
