"""Draw the application icon (PNG and Windows ICO) into gdchecker/resources/icons. Run once; the files are kept."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "gdchecker" / "resources" / "icons"
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def draw(size: int) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 6
    d.rounded_rectangle([0, 0, size - 1, size - 1], radius=r, fill=(26, 86, 160, 255))
    # a sheet with ruled lines
    m = size // 6
    d.rectangle([m, m, size - m, size - m], fill=(255, 255, 255, 255))
    for i in range(1, 4):
        y = m + i * (size - 2 * m) // 4
        d.line([m, y, size - m, y], fill=(160, 170, 185, 255), width=max(1, size // 64))
    d.line([m + (size - 2 * m) // 3, m, m + (size - 2 * m) // 3, size - m], fill=(160, 170, 185, 255),
           width=max(1, size // 64))
    # a red check mark
    w = max(2, size // 10)
    d.line([(size * 0.36, size * 0.55), (size * 0.48, size * 0.68), (size * 0.74, size * 0.36)],
           fill=(217, 48, 37, 255), width=w, joint="curve")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(OUT / "gdchecker.png")
    big.save(OUT / "gdchecker.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
