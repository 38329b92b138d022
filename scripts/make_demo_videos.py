"""Make the demo first-helper videos from the tree's own transcripts: text slides, a Dutch voice, captions.

Needs ffmpeg and espeak-ng (Debian: apt-get install -y ffmpeg espeak-ng). For every leaf of
screener/content/firsthelper.yml it writes into static/video/ (or --out):
  <leaf>.webm      VP9 + Opus, 640x360, a few frames per second, one slide per transcript line
  <leaf>.jpg       the poster (title and length)
  <leaf>.nl.vtt    Dutch captions, one cue per transcript line, timed on the spoken audio
  <leaf>.en.vtt    English captions on the same timing
Real videos replace these files (same names) in the folder set by FIRSTHELPER_MEDIA_DIR.

Usage: .venv/bin/python scripts/make_demo_videos.py [--out DIR] [--only LEAF]
"""
import argparse
import subprocess
import tempfile
import textwrap
import wave
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "screener" / "content" / "firsthelper.yml"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SIZE = "640x360"
BACKGROUND = "0x1f6f5c"  # the site's accent colour
GAP_SECONDS = 0.3  # a short pause between spoken lines
TITLE_SECONDS = 1.0  # the silent title card at the start


def run(*args):
    """Run a command quietly; fail loudly."""
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def speak(text, path):
    """Dutch speech for one line as a wav file; returns its duration in seconds."""
    run("espeak-ng", "-v", "nl", "-s", "170", "-w", str(path), text)
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def join_audio(parts, path, title_seconds):
    """Concatenate the wav parts with a pause between them and silence up front."""
    with wave.open(str(parts[0])) as first:
        params = first.getparams()
    silence = lambda seconds: b"\0" * (int(params.framerate * seconds) * params.sampwidth * params.nchannels)
    with wave.open(str(path), "wb") as out:
        out.setparams(params)
        out.writeframes(silence(title_seconds))
        for part in parts:
            with wave.open(str(part)) as w:
                out.writeframes(w.readframes(w.getnframes()))
            out.writeframes(silence(GAP_SECONDS))


def slide(path, workdir, title, body="", body_y="(h-text_h)/2+30"):
    """One 640x360 PNG slide: the leaf title at the top, a wrapped line of text below."""
    title_file, body_file = workdir / "title.txt", workdir / "body.txt"
    title_file.write_text(title)
    body_file.write_text("\n".join(textwrap.wrap(body, 34)) or " ")
    filters = (
        f"drawtext=fontfile={FONT_BOLD}:textfile={title_file}:fontcolor=white:fontsize=30:x=(w-text_w)/2:y=40,"
        f"drawtext=fontfile={FONT}:textfile={body_file}:fontcolor=white:fontsize=28:line_spacing=10:"
        f"x=(w-text_w)/2:y={body_y}"
    )
    run("ffmpeg", "-y", "-f", "lavfi", "-i", f"color=c={BACKGROUND}:s={SIZE}", "-frames:v", "1", "-vf", filters, str(path))


def timestamp(seconds):
    """WebVTT time: HH:MM:SS.mmm."""
    ms = int(round(seconds * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def captions(cues, language):
    """A WebVTT file's text from (start, end, {nl, en}) cues."""
    blocks = ["WEBVTT", ""]
    for number, (start, end, line) in enumerate(cues, 1):
        blocks += [str(number), f"{timestamp(start)} --> {timestamp(end)}", line[language], ""]
    return "\n".join(blocks)


def make_leaf(leaf_id, leaf, out):
    """Video, poster and captions for one leaf."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        title = leaf["title"]["nl"]
        slide(work / "s0.png", work, title, "")
        concat, parts, cues = [f"file '{work / 's0.png'}'", f"duration {TITLE_SECONDS}"], [], []
        at = TITLE_SECONDS
        for i, line in enumerate(leaf["transcript"], 1):
            wav = work / f"a{i}.wav"
            seconds = speak(line["nl"], wav)
            parts.append(wav)
            slide(work / f"s{i}.png", work, title, line["nl"])
            concat += [f"file '{work / f's{i}.png'}'", f"duration {seconds + GAP_SECONDS:.3f}"]
            cues.append((at, at + seconds, line))
            at += seconds + GAP_SECONDS
        concat.append(f"file '{work / f's{len(parts)}.png'}'")  # the concat demuxer needs the last file twice
        (work / "slides.txt").write_text("\n".join(concat) + "\n")
        join_audio(parts, work / "voice.wav", TITLE_SECONDS)
        run("ffmpeg", "-y", "-f", "concat", "-safe", "0", "-i", str(work / "slides.txt"), "-i", str(work / "voice.wav"),
            "-vf", "fps=5,format=yuv420p", "-c:v", "libvpx-vp9", "-b:v", "40k", "-deadline", "good", "-cpu-used", "4",
            "-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-shortest",
            "-fflags", "+bitexact", "-flags", "+bitexact", "-map_metadata", "-1",  # the same input gives the same file
            str(out / leaf["video"]))
        slide(work / "poster.png", work, title, f"\u25b6  Filmpje van {round(at)} seconden, met ondertitels",
              body_y="(h-text_h)/2-25")  # above the player's controls
        run("ffmpeg", "-y", "-i", str(work / "poster.png"), "-q:v", "6", str(out / leaf["poster"]))
        for language in ("nl", "en"):
            (out / leaf["captions"][language]).write_text(captions(cues, language), encoding="utf-8")
        return at


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "static" / "video")
    parser.add_argument("--only", help="make one leaf only")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tree = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    for leaf_id, node in tree["nodes"].items():
        if "video" not in node or (args.only and leaf_id != args.only):
            continue
        seconds = make_leaf(leaf_id, node, args.out)
        size = (args.out / node["video"]).stat().st_size
        print(f"{leaf_id}: {seconds:.1f} s, {size // 1024} KB")


if __name__ == "__main__":
    main()
