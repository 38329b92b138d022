"""The result as a PDF (pure), for "Bewaar of print" without JavaScript. Nothing is stored."""
import unicodedata

ENCODING = "windows-1252"  # the built-in fonts' widest code page: é, ë, en dash, euro sign, quotes
STYLES = {  # block kind -> (font style, size in pt, line height in mm, space before in mm)
    "title": ("B", 18, 8, 0),
    "band": ("B", 15, 7, 4),
    "h2": ("B", 13, 6, 5),
    "h3": ("B", 11, 5.5, 2),
    "p": ("", 11, 5.5, 1),
    "small": ("", 9, 4.5, 3),
}


def printable(text):
    """The text in the built-in fonts' code page: a letter outside it loses its accent, anything else becomes '?'."""
    out = []
    for ch in text:
        try:
            ch.encode(ENCODING)
            out.append(ch)
        except UnicodeEncodeError:
            plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            try:
                out.append(plain.encode(ENCODING).decode(ENCODING) if plain else "?")
            except UnicodeEncodeError:
                out.append("?")
    return "".join(out)


def result_pdf(title, blocks, language, now):
    """A one-column A4 PDF of [(kind, text)] blocks (kinds in STYLES), as bytes; `now` is its creation date."""
    # Imported on first use: fpdf2 brings Pillow and fontTools, some 30 MB in every worker, for a rare download.
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(printable(title))
    pdf.set_lang(language)
    pdf.set_creation_date(now)
    pdf.add_page()
    for kind, text in blocks:
        style, size, height, before = STYLES[kind]
        pdf.set_font("Helvetica", style, size)
        if pdf.get_y() > pdf.t_margin:
            pdf.ln(before)
        pdf.multi_cell(0, height, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
