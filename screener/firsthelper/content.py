"""Loading the first-helper tree and finding its media files."""
from pathlib import Path

from ..content import ContentError, ContentErrors, read_yaml
from . import tree

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_TREE = ROOT / "screener" / "content" / "firsthelper.yml"
DEFAULT_MEDIA = ROOT / "static" / "video"


def media_dir(app):
    """The folder with videos, posters and captions: FIRSTHELPER_MEDIA_DIR, relative to the instance folder."""
    return Path(app.instance_path) / app.config["FIRSTHELPER_MEDIA_DIR"]


def load(app):
    """Read and validate the tree; raise ContentErrors naming the node of every problem."""
    path = Path(app.config["FIRSTHELPER_TREE_FILE"])
    data = read_yaml(path)
    folder = media_dir(app)
    files = {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
    problems = tree.validate(data, files, tuple(app.config["LANGUAGES"]))
    if problems:
        raise ContentErrors([ContentError(path.name, node_id, problem) for node_id, problem in problems])
    return data
