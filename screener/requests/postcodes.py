"""Belgian postcodes to the province keys of the providers file. Pure."""

# (first, last, province): the postcode ranges of bpost; Wallonia is not served (None).
RANGES = (
    (1000, 1299, "brussel"),
    (1300, 1499, None),  # Waals-Brabant
    (1500, 1999, "vlaams_brabant"),
    (2000, 2999, "antwerpen"),
    (3000, 3499, "vlaams_brabant"),
    (3500, 3999, "limburg"),
    (4000, 7999, None),  # Luik, Namen, Luxemburg, Henegouwen
    (8000, 8999, "west_vlaanderen"),
    (9000, 9999, "oost_vlaanderen"),
)


def province_for_postcode(text):
    """(province key or None, known): known is False for text that is not a Belgian postcode."""
    digits = (text or "").strip()
    if len(digits) != 4 or not digits.isdigit():
        return None, False
    number = int(digits)
    for first, last, province in RANGES:
        if first <= number <= last:
            return province, True
    return None, False
