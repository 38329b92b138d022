"""A poster or flyer as a PDF (pure): texts, the QR code to the screener, the short address, crisis numbers."""
import io

from flask_babel import gettext as _

from ..screening.printout import ENCODING, printable
from .posters import PAPERS

BRAND = (0, 96, 100)  # the site's dark teal
SOFT = (230, 242, 242)
QR_SCALE, QR_BORDER = 10, 4  # pixels per module, quiet zone in modules


def qr_image(payload):
    """The QR code of `payload` as a greyscale Pillow image: the one place the posters call segno."""
    import segno
    from PIL import Image

    out = io.BytesIO()
    segno.make(payload, error="m").save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def poster_pdf(poster, paper, *, address, short_address, language, now, logo=None, organisation=None):
    """The poster on `paper` ("a4" or "a3") as PDF bytes; the QR code holds `address`.

    `logo` is PNG bytes made by logos.clean_logo, `organisation` the name printed beside it.
    Every size is laid out on A4 in mm and scaled, so A3 is the same poster, larger.
    """
    # Imported on first use: fpdf2 brings Pillow and fontTools, some 30 MB in every worker, for a rare download.
    from fpdf import FPDF

    width, height = PAPERS[paper]
    s = width / 210
    flyer = poster.kind == "flyer"
    pdf = FPDF(format=(width, height))
    pdf.core_fonts_encoding = ENCODING  # Helvetica in windows-1252: é, ë, ï and the Dutch quotes print
    pdf.set_auto_page_break(False)
    pdf.set_margins(20 * s, 20 * s, 20 * s)
    pdf.set_title(printable(str(poster.title)))
    pdf.set_lang(language)
    pdf.set_creation_date(now)
    pdf.add_page()
    text_width = width - 40 * s

    # The band with the site's name.
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, width, 22 * s, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 20 * s)
    pdf.set_xy(20 * s, 6 * s)
    pdf.cell(text_width, 10 * s, "ZorgSamen")

    y = 32 * s
    if logo or organisation:
        y = _organisation(pdf, s, y, logo, organisation)

    pdf.set_text_color(*BRAND)
    pdf.set_font("Helvetica", "B", (26 if flyer else 38) * s)
    pdf.set_xy(20 * s, y)
    pdf.multi_cell(text_width, (11 if flyer else 15) * s, printable(str(poster.title)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6 * s)
    pdf.set_text_color(30, 30, 30)
    pdf.set_font("Helvetica", "", (14 if flyer else 20) * s)
    for line in poster.lines:
        pdf.multi_cell(text_width, (7 if flyer else 10) * s, printable(str(line)), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2 * s)

    _qr_block(pdf, s, height - 118 * s, address, short_address)
    _crisis_block(pdf, s, width, height)
    return bytes(pdf.output())


def _organisation(pdf, s, y, logo, organisation):
    """The organisation's logo (at most 60 x 26 mm on A4) and name; returns the y below them."""
    from PIL import Image

    box_w, box_h = 60 * s, 26 * s
    if logo:
        image = Image.open(io.BytesIO(logo))
        ratio = min(box_w / image.width, box_h / image.height)
        w, h = image.width * ratio, image.height * ratio
        pdf.image(image, x=20 * s, y=y, w=w, h=h)
    if organisation:
        pdf.set_text_color(60, 60, 60)
        pdf.set_font("Helvetica", "", 12 * s)
        pdf.set_xy(90 * s if logo else 20 * s, y + (box_h / 2 - 4 * s if logo else 0))
        label = _("Aangeboden door %(name)s", name=organisation)
        pdf.multi_cell(100 * s if logo else 170 * s, 6 * s, printable(label))
    return y + (box_h if logo else 8 * s) + 10 * s


def _qr_block(pdf, s, y, address, short_address):
    """The QR code with, beside it, what to do and the short address to type."""
    size = 58 * s
    pdf.image(qr_image(address), x=20 * s, y=y, w=size, h=size)
    pdf.set_text_color(30, 30, 30)
    pdf.set_xy(84 * s, y + 10 * s)
    pdf.set_font("Helvetica", "B", 18 * s)
    pdf.multi_cell(106 * s, 9 * s, printable(_("Scan de code en start de screener.")), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13 * s)
    pdf.multi_cell(106 * s, 7 * s, printable(_("Of surf naar:")), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 15 * s)
    pdf.set_text_color(*BRAND)
    pdf.multi_cell(106 * s, 8 * s, printable(short_address), new_x="LEFT", new_y="NEXT")


def _crisis_block(pdf, s, width, height):
    """The crisis numbers, on every poster and flyer."""
    top = height - 50 * s
    pdf.set_fill_color(*SOFT)
    pdf.rect(0, top, width, 50 * s, style="F")
    pdf.set_text_color(30, 30, 30)
    pdf.set_xy(20 * s, top + 7 * s)
    pdf.set_font("Helvetica", "B", 14 * s)
    pdf.multi_cell(width - 40 * s, 7 * s, printable(_("Nu hulp nodig? Je staat er niet alleen voor.")),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12 * s)
    for line in (_("1813: Zelfmoordlijn, dag en nacht"), _("106: Tele-Onthaal, om te praten"), _("112: Noodgeval")):
        pdf.multi_cell(width - 40 * s, 6.5 * s, printable(line), new_x="LMARGIN", new_y="NEXT")
