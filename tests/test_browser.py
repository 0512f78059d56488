"""The search page in a real headless Chromium (Debian chromium + chromium-driver, via selenium)."""
from __future__ import annotations

import csv
import json
import shutil
import time
from urllib.parse import parse_qs, urlparse

import pytest

from coopsearch.indexer import index_paths

from . import live
from .conftest import ROOT

pytestmark = pytest.mark.browser
if live.missing():
    pytest.skip(live.missing(), allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

XSS = {
    "id": "xss",
    "date": "2020-02-02",
    "title": "<script>window.__xss = 1</script>Опасный заголовок",
    "text": 'Текст с <img src=x onerror="window.__xss = 2"> и <script>window.__xss = 3</script> о Павлодаре.',
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixture_corpus):
    corpus = tmp_path_factory.mktemp("browser-corpus")
    shutil.copytree(fixture_corpus, corpus, dirs_exist_ok=True)
    (corpus / "xss.jsonl").write_text(json.dumps(XSS, ensure_ascii=False) + "\n", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("browser-index")
    assert index_paths([corpus], index_dir, workers=1).added == 10
    with live.server(index_dir) as (base, _):
        yield base


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads):
    with live.chrome(downloads=downloads) as d:
        yield d


def wait(driver, condition, seconds=10):
    return WebDriverWait(driver, seconds).until(condition)


def total(driver) -> int:
    return int(driver.find_element(By.CSS_SELECTOR, "#summary strong").text)


def count(driver, facet: str, value: str) -> int:
    for li in driver.find_elements(By.CSS_SELECTOR, f"#facet-{facet} li"):
        if li.find_element(By.CSS_SELECTOR, ".value").get_attribute("textContent") == value:
            return int(li.find_element(By.CSS_SELECTOR, ".count").get_attribute("textContent"))
    raise AssertionError(f"{value} not in facet {facet}")


def params(driver) -> dict:
    return parse_qs(urlparse(driver.current_url).query)


def checkbox(driver, facet: str, value: str):
    return driver.find_element(By.CSS_SELECTOR, f'#facet-{facet} input[value="{value}"]')


def test_search_from_the_box(driver, site):
    driver.get(site)
    box = driver.find_element(By.ID, "q")
    box.send_keys("алюминий", Keys.ENTER)
    wait(driver, lambda d: "q=" in d.current_url)
    assert params(driver) == {"q": ["алюминий"]}  # empty fields stay out of the URL
    assert total(driver) == 2
    marks = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, ".snippet mark")]
    assert "алюминия" in marks


def test_two_regions_then_remove_a_chip(driver, site):
    driver.get(site + "/?q=")
    assert total(driver) == 10
    checkbox(driver, "region", "Павлодарская область").click()  # applies at once
    wait(driver, lambda d: params(d).get("region") == ["Павлодарская область"])
    assert total(driver) == 4  # n1, n2, seed, xss
    assert count(driver, "region", "Омская область") == 1  # other regions keep their own counts
    assert count(driver, "company", "Элсиб") == 2  # other facets follow the selection
    # a long list is folded: the filter box finds the value and unfolds it
    driver.find_element(By.CSS_SELECTOR, 'input[data-filter="facet-region"]').send_keys("омск")
    visible = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#facet-region li") if li.is_displayed()]
    assert len(visible) == 1 and visible[0].startswith("Омская область")
    checkbox(driver, "region", "Омская область").click()
    wait(driver, lambda d: len(params(d).get("region", [])) == 2)
    assert total(driver) == 5  # OR within the facet
    assert count(driver, "sector", "Сельское хозяйство") == 1
    chip = driver.find_element(By.CSS_SELECTOR, 'a.chip.removable[aria-label="Убрать фильтр Павлодарская область"]')
    chip.click()
    wait(driver, lambda d: params(d).get("region") == ["Омская область"])
    assert total(driver) == 1
    driver.back()  # the URL is the state: back restores both regions
    wait(driver, lambda d: len(params(d).get("region", [])) == 2)
    assert total(driver) == 5


def test_timeline_click_sets_the_range(driver, site):
    driver.get(site + "/?q=")
    bar = driver.find_element(By.CSS_SELECTOR, '.timeline a[aria-label^="2019-03"]')
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    wait(driver, lambda d: "from=2019-03-01" in d.current_url)
    assert params(driver)["to"] == ["2019-03-31"]
    assert total(driver) == 1
    assert driver.find_element(By.NAME, "from").get_attribute("value") == "2019-03-01"


def test_document_page(driver, site):
    driver.get(site + "/?q=казэнергокабель")
    driver.find_element(By.CSS_SELECTOR, ".hit h2 a[href*='seed']").click()
    wait(driver, ec.presence_of_element_located((By.CSS_SELECTOR, "article.doc")))
    assert "Казахстанская деловая миссия" in driver.find_element(By.TAG_NAME, "h1").text
    orgs = {a.text for a in driver.find_elements(By.CSS_SELECTOR, ".text a.mention.org")}
    assert {"Элсиб", "Казэнергокабель"} <= orgs
    assert driver.find_elements(By.CSS_SELECTOR, ".text a.mention.loc")
    assert driver.find_elements(By.CSS_SELECTOR, ".similar li a")
    driver.find_element(By.LINK_TEXT, "Элсиб").click()
    wait(driver, lambda d: params(d).get("company") == ["Элсиб"])
    assert total(driver) == 2


def test_export_download(driver, site, downloads):
    driver.get(site + "/?q=&region=Павлодарская+область")
    driver.find_element(By.LINK_TEXT, "CSV").click()
    target = downloads / "coopsearch.csv"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    with target.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"] for r in rows} == {"n1", "n2", "xss", "seed/kazakh-business-mission-novosibirsk.txt"}


def test_autocomplete_with_the_keyboard(driver, site):
    driver.get(site)
    box = driver.find_element(By.ID, "q")
    box.send_keys("павл")
    listbox = wait(driver, ec.visibility_of_element_located((By.ID, "suggestions")))
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.find_elements(By.CSS_SELECTOR, "[role=option]")
    first = options[0].text
    assert "Павлодарская область" in first
    box.send_keys(Keys.ARROW_DOWN)
    assert options[0].get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    box.send_keys(Keys.ENTER)
    wait(driver, lambda d: params(d).get("region") == ["Павлодарская область"])
    assert total(driver) == 4


def test_script_in_a_document_does_not_run(driver, site):
    driver.get(site + "/?q=опасный")
    assert "<script>window.__xss = 1</script>Опасный заголовок" in driver.find_element(By.CSS_SELECTOR, ".hit h2").text
    driver.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
    wait(driver, ec.presence_of_element_located((By.CSS_SELECTOR, "article.doc")))
    text = driver.find_element(By.CSS_SELECTOR, ".text").text
    assert 'onerror="window.__xss = 2"' in text and "<script>" in text
    assert driver.execute_script("return window.__xss") is None
    assert not driver.find_elements(By.CSS_SELECTOR, "article img")


def test_phone_width_has_no_horizontal_scroll(site):
    with live.chrome(width=375, height=800) as phone:
        phone.get(site + "/?q=&region=Павлодарская+область")
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 375
        results = phone.find_element(By.CSS_SELECTOR, ".results").location["y"]
        facets = phone.find_element(By.CSS_SELECTOR, ".facets").location["y"]
        assert results < facets  # results first on a phone
        phone.get(site + "/doc/seed%2Fkazakh-business-mission-novosibirsk.txt")
        assert phone.execute_script("return document.documentElement.scrollWidth") <= 375


def test_works_without_javascript(site):
    with live.chrome() as plain:
        plain.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        plain.get(site + "/?q=")
        checkbox(plain, "region", "Павлодарская область").click()
        plain.find_element(By.CSS_SELECTOR, "button.apply").click()  # visible without JS
        wait(plain, lambda d: "region=" in d.current_url)
        assert total(plain) == 4


@pytest.fixture(scope="module")
def ingest_site(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("browser-ingest-index")
    assert index_paths([ROOT / "corpus" / "formats"], index_dir, workers=1).grouped == 1
    with live.server(index_dir) as (base, _):
        yield base


def test_similar_link_expands_a_group_and_the_chip_folds_it(driver, ingest_site):
    driver.get(f"{ingest_site}/?q=соглашение+Павлодарской+области")
    before = total(driver)
    link = driver.find_element(By.CSS_SELECTOR, ".hit .similar a")
    assert link.text == "ещё 1 похожий — показать все"
    link.click()
    wait(driver, lambda d: "group" in params(d))
    assert total(driver) == 2 and len(driver.find_elements(By.CSS_SELECTOR, ".hit")) == 2
    assert not driver.find_elements(By.CSS_SELECTOR, ".hit .similar a")
    chip = driver.find_element(By.CSS_SELECTOR, 'a.chip.removable[aria-label^="Убрать фильтр"]')
    assert "Похожие на:" in chip.text
    chip.click()
    wait(driver, lambda d: "group" not in params(d))
    assert total(driver) == before
