"""Take docs/screenshot.png: the demo province's dashboard, as a logged-in user sees it.

    XDD_DATA_DIR=... python tests/browser/screenshot_docs.py --url http://127.0.0.1:8000 \\
        --user admin --password ... [--path /to-chuc/ST/] [--output docs/screenshot.png]

Needs a running server (`xdd serve`) on a database with the demo (`xdd demo`).
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--path", default="/to-chuc/ST/")
    parser.add_argument("--output", default=str(Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"))
    parser.add_argument("--width", type=int, default=1366)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900}, locale="vi-VN")
        page.goto(args.url + "/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(args.user)
        page.get_by_label("Mật khẩu").fill(args.password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")
        page.goto(args.url + args.path, wait_until="networkidle")
        page.screenshot(path=args.output, full_page=True)
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
