"""Scores, band, crisis flag and advice domains from a screening's answers. Pure: no Flask, no database."""


def band_for(phq4, who5, rules):
    """green, orange or red: the worst band whose rule applies (PHQ-4 at/above phq4_min or WHO-5 at/below who5_max)."""
    for band in ("red", "orange"):
        rule = rules[band]
        if phq4 >= rule["phq4_min"] or who5 <= rule["who5_max"]:
            return band
    return "green"


def phq4_level(phq4, levels):
    """The key of the first PHQ-4 level whose max the total does not exceed (normal, mild, moderate, severe)."""
    for level in levels:
        if phq4 <= level["max"]:
            return level["key"]
    return levels[-1]["key"]


def level_ranges(levels):
    """[(lowest, highest, level)] of the PHQ-4 levels: each starts one above the previous one's max."""
    ranges, lowest = [], 0
    for level in levels:
        ranges.append((lowest, level["max"], level))
        lowest = level["max"] + 1
    return ranges


def result_band(band, crisis):
    """The band a report counts a result in: "crisis" after a positive safety answer, else its band."""
    return "crisis" if crisis else band


def is_crisis(safety_answer, scoring):
    """True when the safety item was answered at or above the crisis threshold (above 0 by default)."""
    return safety_answer is not None and safety_answer >= scoring["safety_crisis"]


def _sum(answers, items, score):
    return sum(answers[item["id"]] for item in items if item["score"] == score)


def score(answers, content):
    """All scores of complete answers: subscales, PHQ-4, WHO-5 (0-100), band, crisis and advice domains."""
    items, rules = content["items"], content["scoring"]
    anxiety = _sum(answers, items, "anxiety")
    depression = _sum(answers, items, "depression")
    phq4 = anxiety + depression
    who5 = _sum(answers, items, "wellbeing") * rules["who5_multiplier"]
    sleep = _sum(answers, items, "sleep")
    support = _sum(answers, items, "support")
    return {
        "phq_anxiety": anxiety,
        "phq_depression": depression,
        "phq4": phq4,
        "phq4_level": phq4_level(phq4, rules["phq4_levels"]),
        "who5": who5,
        "who5_level": "very_low" if who5 <= rules["who5_very_low"] else "low" if who5 <= rules["who5_low"] else "ok",
        "band": band_for(phq4, who5, rules["bands"]),
        "crisis": is_crisis(_sum(answers, items, "safety"), rules),
        "concerns": {
            "anxiety": anxiety >= rules["subscale_positive"],
            "mood": depression >= rules["subscale_positive"],
            "wellbeing": who5 <= rules["who5_low"],
            "sleep": sleep >= rules["sleep_concern"],
            "support": support <= rules["support_concern"],
        },
    }
