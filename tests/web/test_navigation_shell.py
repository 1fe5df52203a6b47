"""The site shell: side navigation, the highlighted section on sub-pages, the favicon."""

from __future__ import annotations

import re


def _active_links(html: str) -> list[str]:
    return re.findall(r'class="nav-link active"\s+aria-current="page"\s+href="([^"]+)"', html)


def test_every_nav_entry_is_in_the_side_list_once(client, auth, make_user):
    auth.login(make_user(role="admin"))
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="main-nav"' in html and 'data-testid="admin-nav"' in html
    assert html.count('href="/admin/users"') == 1
    assert _active_links(html) == ["/"]


def test_a_sub_page_highlights_its_section_not_home(client, auth, make_user):
    user = make_user(role="admin")
    auth.login(user)
    html = client.get(f"/people/{user.id}").get_data(as_text=True)
    assert _active_links(html) == []  # no section owns /people/...
    html = client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert _active_links(html) == ["/admin/users"]


def test_pages_declare_a_favicon_that_exists(client, auth, make_user):
    auth.login(make_user(role="sales_manager"))
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    response.close()


def test_home_cards_come_in_monday_morning_order(app):
    from app.core.navigation import _widgets

    order = [fn.__name__ for _order, fn in _widgets]
    # a new hire: the programme before pay; a supervisor: calls to review before onboarding and pay
    assert order.index("my_onboarding") < order.index("my_pay")
    assert order.index("calls_card") < order.index("team_onboarding") < order.index("team_pay")
    assert order.index("calls_card") < order.index("my_development") < order.index("continue_learning")


def test_the_fixed_favicon_path_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.headers["Location"].endswith("/static/favicon.svg")
