"""Common English given names that are (almost) always one gender, for ``he``/``she``.

A careful reader knows that "Maria Okafor" is a "she" before the text says so. The lists hold
frequent given names from English-language birth registers; names given to both (Jordan,
Taylor, Alex, Morgan, Jamie, Robin, Sam, Chris, Pat, Kim, Lee, ...) are left out on purpose.
The honorific (``Mr.``, ``Ms.``) and the text's own pronouns win over this list (see
``entities.py``): it only fills a gender the text has not shown yet.
"""

from __future__ import annotations

MALE_GIVEN = frozenset("""
aaron adam alan albert alexander andrew anthony arthur barack barry ben benjamin bernard bernie
bill billy bob bobby brad bradley brandon brian bruce bryan carl carlos charles charlie chuck
craig dan daniel darren dave david dennis derek dick donald doug douglas duncan dylan edward eric
frank fred gary gavin george gerald gordon graham greg gregory harold harry henry howard hugh
ian jack jacob jake james jason jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon
jonathan jose joseph josh joshua juan justin keith ken kenneth kevin kyle larry lawrence leonard
luis luke marco marcus mark martin matt matthew michael mike mitch mitchell muhammad nathan neil
nicholas nick oliver omar patrick paul peter philip phil ralph randy raymond richard rick robert
rod roger ron ronald roy russell ryan scott sean sergei seth simon stephen steve steven stuart
ted terry thomas tim timothy todd tom tony trevor victor vladimir walter wayne william xi
""".split())

FEMALE_GIVEN = frozenset("""
abigail alice alison amanda amy andrea angela ann anna anne barbara betty betsy beth
carol caroline catherine charlotte cheryl christina christine claire cynthia debbie deborah
denise diana diane donna doris dorothy elaine elizabeth ellen emily emma eva fiona frances
gillian gloria grace hannah heather heidi helen hillary ilhan irene jane janet janice jennifer
jessica jill joan joanna joyce judith judy julia julie karen kate katherine kathleen kathy
kelly kirsten laura lauren linda lisa liz lois lori louise lucy lynn margaret maria marie
marilyn martha mary megan melania melissa michelle monica nadia nancy natalie nicole nikki
olivia pamela patricia paula rachel rebecca rose ruth samantha sandra sarah sharon shirley
sophie stephanie susan suzanne teresa theresa tina valerie victoria virginia wendy
""".split())


def given_name_gender(first: str) -> str | None:
    """``m`` or ``f`` for a given name (any case) on one of the lists, else None."""
    low = first.lower()
    return "m" if low in MALE_GIVEN else "f" if low in FEMALE_GIVEN else None
