#!/usr/bin/env python3
"""Draws the demo's sample photos from assets/demo-manifest.json: one car at pickup and at return.

Each set of the manifest (pickup in assets/photos, return in assets/photos/return) is a walk-around, then
odometer, VIN, interior and damage close-ups as the manifest lists them. Every damage the manifest gives is
drawn inside its box, so the simulator's boxes (which come from the same manifest) sit on it.

Run by hand (needs Pillow: `pip install Pillow`); the JPEGs it writes are committed, so neither the build
nor the tests need Pillow. Each photo is 640x480 with EXIF DateTimeOriginal a few seconds after the previous
one, in walk-around order, so `a` (assign by capture time) fills the checklist.
"""

import datetime
import json
import math
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 640, 480
ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
BODY = (38, 92, 168)
BODY_DARK = (24, 60, 112)
GLASS = (150, 196, 222)
TYRE = (28, 28, 30)
RIM = (176, 178, 182)
PLATE = "KX 482 TR"
VIN = "WVWZZZ1KZAW000481"
TITLES = {"vin": "VIN PLATE", "damage": "DAMAGE CLOSE-UP"}


def font(size):
    return ImageFont.load_default(size=size)


def scene(rng):
    """Sky, a parking lot with bay lines and a little gravel so the frame has texture."""
    img = Image.new("RGB", (WIDTH, HEIGHT))
    d = ImageDraw.Draw(img)
    for y in range(300):
        t = y / 300
        d.line([(0, y), (WIDTH, y)], fill=(int(120 + 60 * t), int(160 + 50 * t), int(205 + 30 * t)))
    d.rectangle([0, 300, WIDTH, HEIGHT], fill=(96, 98, 102))
    for x in range(-200, WIDTH + 200, 160):
        d.line([(x, 300), (x - 120, HEIGHT)], fill=(226, 226, 210), width=5)
    for _ in range(900):
        x, y = rng.randrange(WIDTH), rng.randrange(305, HEIGHT)
        v = rng.choice((70, 80, 120, 130))
        d.point((x, y), fill=(v, v, v + 4))
    # A building behind the lot.
    d.rectangle([20, 190, 250, 300], fill=(188, 176, 160), outline=(120, 110, 100), width=2)
    for wx in range(36, 240, 40):
        d.rectangle([wx, 210, wx + 24, 240], fill=(90, 110, 130))
    return img, d


def wheel(d, cx, cy, r):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=TYRE)
    d.ellipse([cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55], fill=RIM, outline=(90, 90, 96), width=2)
    d.ellipse([cx - 5, cy - 5, cx + 5, cy + 5], fill=(70, 70, 76))


def side(d, x0, x1, ground, front_right, scale_y=1.0):
    """A hatchback in profile between x0 and x1; the nose points right when front_right."""
    w = x1 - x0
    h = 120 * scale_y
    top = ground - h
    d.rounded_rectangle([x0, top + h * 0.42, x1, ground - 22], radius=18, fill=BODY, outline=BODY_DARK, width=3)
    # Cabin: the windscreen slopes toward the nose.
    if front_right:
        cabin = [(x0 + w * 0.12, top + h * 0.44), (x0 + w * 0.2, top), (x0 + w * 0.58, top), (x0 + w * 0.76, top + h * 0.44)]
    else:
        cabin = [(x1 - w * 0.12, top + h * 0.44), (x1 - w * 0.2, top), (x1 - w * 0.58, top), (x1 - w * 0.76, top + h * 0.44)]
    d.polygon(cabin, fill=BODY, outline=BODY_DARK)
    inset = [(cabin[0][0] + (8 if front_right else -8), cabin[0][1] - 4), (cabin[1][0] + (6 if front_right else -6), cabin[1][1] + 8),
             (cabin[2][0] - (6 if front_right else -6), cabin[2][1] + 8), (cabin[3][0] - (10 if front_right else -10), cabin[3][1] - 4)]
    d.polygon(inset, fill=GLASS, outline=(60, 70, 80))
    pillar = (cabin[1][0] + cabin[2][0]) / 2
    d.line([(pillar, top + 6), (pillar, top + h * 0.44)], fill=BODY_DARK, width=6)
    # Door lines and handles.
    d.line([(pillar, top + h * 0.44), (pillar, ground - 30)], fill=BODY_DARK, width=2)
    for hx in (pillar - w * 0.16, pillar + w * 0.12):
        d.rectangle([hx, top + h * 0.55, hx + 22, top + h * 0.55 + 6], fill=(200, 204, 210))
    lamp_front = (250, 240, 190)
    lamp_rear = (200, 30, 30)
    nose, tail = (x1 - 18, x0 + 4) if front_right else (x0 + 4, x1 - 18)
    d.rectangle([nose, top + h * 0.5, nose + 14, top + h * 0.62], fill=lamp_front, outline=BODY_DARK)
    d.rectangle([tail, top + h * 0.5, tail + 14, top + h * 0.66], fill=lamp_rear, outline=BODY_DARK)
    r = 30 * scale_y + 4
    wheel(d, x0 + w * 0.2, ground - r + 6, r)
    wheel(d, x1 - w * 0.2, ground - r + 6, r)


def face(d, x0, x1, ground, rear):
    """The car seen straight from the front or the back."""
    w = x1 - x0
    d.rectangle([x0 + 10, ground - 40, x0 + 48, ground + 6], fill=TYRE)
    d.rectangle([x1 - 48, ground - 40, x1 - 10, ground + 6], fill=TYRE)
    d.rounded_rectangle([x0, ground - 150, x1, ground - 24], radius=20, fill=BODY, outline=BODY_DARK, width=3)
    d.polygon([(x0 + w * 0.14, ground - 150), (x0 + w * 0.24, ground - 230), (x1 - w * 0.24, ground - 230), (x1 - w * 0.14, ground - 150)],
              fill=BODY, outline=BODY_DARK)
    d.polygon([(x0 + w * 0.19, ground - 154), (x0 + w * 0.27, ground - 220), (x1 - w * 0.27, ground - 220), (x1 - w * 0.19, ground - 154)],
              fill=GLASS if not rear else (110, 140, 160), outline=(60, 70, 80))
    lamp = (200, 30, 30) if rear else (250, 240, 190)
    d.rounded_rectangle([x0 + 16, ground - 130, x0 + 16 + w * 0.2, ground - 104], radius=8, fill=lamp, outline=BODY_DARK, width=2)
    d.rounded_rectangle([x1 - 16 - w * 0.2, ground - 130, x1 - 16, ground - 104], radius=8, fill=lamp, outline=BODY_DARK, width=2)
    if not rear:
        for gy in range(0, 24, 6):
            d.line([(x0 + w * 0.32, ground - 128 + gy), (x1 - w * 0.32, ground - 128 + gy)], fill=(30, 34, 40), width=3)
    plate(d, (x0 + x1) / 2, ground - 70)


def plate(d, cx, cy):
    d.rectangle([cx - 62, cy - 14, cx + 62, cy + 14], fill=(246, 246, 240), outline=(20, 20, 20), width=2)
    d.text((cx, cy), PLATE, font=font(20), fill=(15, 15, 15), anchor="mm")


def corner(d, nose_right, front):
    """A three-quarter view: the profile, and the front or rear face at the end nearest the camera."""
    ground = 400
    face_right = nose_right if front else not nose_right
    if face_right:
        side(d, 100, 470, ground, front_right=nose_right)
        fx0, fx1 = 440, 590
    else:
        side(d, 170, 540, ground, front_right=nose_right)
        fx0, fx1 = 50, 200
    d.rounded_rectangle([fx0, ground - 130, fx1, ground - 28], radius=14, fill=BODY_DARK, outline=(16, 40, 80), width=3)
    lamp = (250, 240, 190) if front else (200, 30, 30)
    d.rectangle([fx0 + 10, ground - 112, fx0 + 42, ground - 94], fill=lamp)
    d.rectangle([fx1 - 42, ground - 112, fx1 - 10, ground - 94], fill=lamp)
    d.rectangle([(fx0 + fx1) / 2 - 40, ground - 70, (fx0 + fx1) / 2 + 40, ground - 52], fill=(246, 246, 240), outline=(20, 20, 20))


def odometer(rng, km):
    # A lit dashboard: the daytime cabin around the dials keeps the exposure in the "ok" band.
    img = Image.new("RGB", (WIDTH, HEIGHT), (150, 146, 140))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40, 60, 600, 440], radius=40, fill=(70, 72, 78), outline=(40, 42, 46), width=4)
    for cx in (190, 450):
        d.ellipse([cx - 120, 130, cx + 120, 370], fill=(12, 12, 16), outline=(210, 210, 220), width=4)
        for i in range(0, 13):
            a = math.radians(210 - i * 20)
            x0, y0 = cx + 100 * math.cos(a), 250 - 100 * math.sin(a)
            x1, y1 = cx + 116 * math.cos(a), 250 - 116 * math.sin(a)
            d.line([(x0, y0), (x1, y1)], fill=(236, 236, 240), width=3)
        d.line([(cx, 250), (cx - 60, 190)], fill=(240, 90, 40), width=5)
        d.ellipse([cx - 10, 240, cx + 10, 260], fill=(200, 200, 205))
    d.rectangle([220, 380, 420, 420], fill=(190, 230, 190), outline=(80, 120, 80), width=2)
    d.text((320, 400), f"{km // 1000:03d} {km % 1000:03d} km", font=font(26), fill=(10, 30, 10), anchor="mm")
    return img, d


def vin_plate(rng):
    img = Image.new("RGB", (WIDTH, HEIGHT), (150, 152, 158))
    d = ImageDraw.Draw(img)
    for _ in range(1500):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        v = rng.choice((130, 140, 165, 170))
        d.point((x, y), fill=(v, v, v + 6))
    d.rounded_rectangle([60, 150, 580, 360], radius=12, fill=(224, 226, 230), outline=(60, 60, 66), width=4)
    for sx, sy in ((80, 170), (560, 170), (80, 340), (560, 340)):
        d.ellipse([sx - 7, sy - 7, sx + 7, sy + 7], fill=(120, 120, 128), outline=(50, 50, 56))
    d.text((320, 200), "VEHICLE IDENTIFICATION NO.", font=font(22), fill=(30, 30, 34), anchor="mm")
    d.text((320, 262), VIN, font=font(40), fill=(10, 10, 12), anchor="mm")
    d.text((320, 318), "MAX 1870 KG   AXLE 1 980   AXLE 2 960", font=font(18), fill=(40, 40, 44), anchor="mm")
    return img, d


def interior(rng):
    img = Image.new("RGB", (WIDTH, HEIGHT), (70, 66, 62))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, WIDTH, 150], fill=(170, 200, 222))
    d.polygon([(0, 150), (WIDTH, 150), (WIDTH, 230), (0, 230)], fill=(40, 40, 44))
    for sx in (60, 370):
        d.rounded_rectangle([sx, 250, sx + 210, 470], radius=30, fill=(96, 84, 74), outline=(40, 34, 30), width=4)
        d.rounded_rectangle([sx + 40, 200, sx + 170, 270], radius=20, fill=(104, 92, 80), outline=(40, 34, 30), width=3)
        for line in range(290, 460, 34):
            d.line([(sx + 14, line), (sx + 196, line)], fill=(70, 60, 52), width=3)
    d.ellipse([150, 120, 330, 300], outline=(24, 24, 26), width=16)
    d.ellipse([215, 185, 265, 235], fill=(30, 30, 32))
    d.rectangle([290, 245, 350, 470], fill=(50, 50, 54))
    return img, d


def close_up(rng):
    """A door panel filling the frame, with a ruler for scale; the damage itself is drawn from the manifest."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BODY)
    d = ImageDraw.Draw(img)
    for y in range(HEIGHT):
        shade = int(18 * (y / HEIGHT))
        d.line([(0, y), (WIDTH, y)], fill=(BODY[0] + shade, BODY[1] + shade, BODY[2] + shade))
    d.line([(0, 110), (WIDTH, 96)], fill=BODY_DARK, width=4)
    d.rectangle([60, 130, 160, 148], fill=(200, 204, 210), outline=BODY_DARK)
    d.rectangle([40, 420, 120, 450], outline=(250, 210, 40), width=3)
    d.text((130, 435), "10 cm", font=font(20), fill=(250, 210, 40), anchor="lm")
    return img, d


def dent(d, rng, box, close):
    """A dent: a darker hollow with a light rim where the panel catches the sky; scratches across a close-up."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    d.ellipse([x0, y0, x1, y1], fill=(22, 56, 112), outline=(12, 30, 66), width=3 if close else 2)
    d.ellipse([x0 + w * 0.22, y0 + h * 0.25, x1 - w * 0.22, y1 - h * 0.2], fill=(14, 38, 84))
    d.arc([x0 + 2, y0 + 2, x1 - 2, y1 - 2], start=200, end=320, fill=(190, 214, 240), width=4 if close else 2)
    if close:
        for i in range(12):
            sx = x0 + rng.randrange(int(w * 0.2) + 1)
            sy = y0 + h * 0.1 + i * h * 0.06
            d.line([(sx, sy), (sx + w * 0.55 + rng.randrange(int(w * 0.2) + 1), sy + h * 0.15)], fill=(214, 216, 220), width=2)


def scratch(d, rng, box):
    """Scratches: bright paint-deep lines running across the box."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    for i in range(5):
        ya = y0 + 2 + i * (h - 4) / 5
        d.line([(x0 + rng.randrange(6), ya + rng.randrange(3)), (x1 - rng.randrange(6), ya + h * 0.2)], fill=(236, 238, 240), width=2)


def crack(d, rng, box):
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for angle in range(0, 360, 55):
        a = math.radians(angle + rng.randrange(20))
        d.line([(cx, cy), (cx + (x1 - x0) / 2 * math.cos(a), cy + (y1 - y0) / 2 * math.sin(a))], fill=(20, 20, 24), width=2)


def draw_damage(d, rng, slot, damage):
    for item in damage:
        kind, box = item["damageType"], item["box"]
        if kind == "dent":
            dent(d, rng, box, close=slot == "damage")
        elif kind == "scratch":
            scratch(d, rng, box)
        else:
            crack(d, rng, box)


def draw(slot, rng, photo_set):
    if slot == "odometer":
        return odometer(rng, photo_set["odometerKm"])
    if slot == "vin":
        return vin_plate(rng)
    if slot == "interior":
        return interior(rng)
    if slot == "damage":
        return close_up(rng)
    img, d = scene(rng)
    if slot == "front":
        face(d, 170, 470, 420, rear=False)
    elif slot == "rear":
        face(d, 170, 470, 420, rear=True)
    elif slot == "left":
        side(d, 90, 550, 410, front_right=False)
    elif slot == "right":
        side(d, 90, 550, 410, front_right=True)
    elif slot in ("front-left", "rear-left", "front-right", "rear-right"):
        # Seen from the car's left the nose points to the viewer's left; from its right, to the right.
        corner(d, nose_right=slot.endswith("right"), front=slot.startswith("front"))
    return img, d


def label(d, title, number, count):
    d.rectangle([0, 0, WIDTH, 58], fill=(250, 250, 246))
    d.line([(0, 58), (WIDTH, 58)], fill=(20, 20, 20), width=3)
    d.text((16, 29), title, font=font(40), fill=(16, 16, 16), anchor="lm")
    d.text((WIDTH - 16, 29), f"{number:02d}/{count:02d}  {PLATE}", font=font(20), fill=(60, 60, 60), anchor="rm")


def main():
    global PLATE, VIN
    with open(os.path.join(ASSETS, "demo-manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    PLATE, VIN = manifest["car"]["licensePlate"], manifest["car"]["vin"]
    for photo_set in manifest["sets"]:
        out = os.path.join(ASSETS, photo_set["folder"])
        os.makedirs(out, exist_ok=True)
        time = datetime.datetime.fromisoformat(photo_set["taken"])
        photos = photo_set["photos"]
        for index, photo in enumerate(photos):
            slot = photo["slot"]
            # Seeded by position only: a return photo is its pickup twin (same gravel, same light) but for the damage.
            rng = random.Random(index + 101)
            img, d = draw(slot, rng, photo_set)
            draw_damage(d, rng, slot, photo["damage"])
            label(d, TITLES.get(slot, slot.upper()), index + 1, len(photos))
            exif = Image.Exif()
            stamp = time.strftime("%Y:%m:%d %H:%M:%S")
            exif[0x010F] = "inspekt demo"  # Make
            exif[0x0110] = "walk-around"  # Model
            exif[0x0132] = stamp  # DateTime
            exif.get_ifd(0x8769)[0x9003] = stamp  # DateTimeOriginal
            path = os.path.join(out, photo["file"])
            img.save(path, "JPEG", quality=70, optimize=True, exif=exif.tobytes())
            # The file's own time is the capture time, so the inbox's newest-first order follows the walk-around.
            os.utime(path, (time.timestamp(), time.timestamp()))
            print(f"{path}: {slot} {stamp} {os.path.getsize(path)} bytes")
            time += datetime.timedelta(seconds=6 + rng.randrange(6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
