"""A crawl frontier in Redis shared by many worker processes: scrapy-redis's scheduler and dupefilter,
plus claims, so the requests a killed worker had taken go back to the queue instead of being lost.

Keys, per source id `S` (the spider name): `rightswatch:S:requests` (priority queue),
`rightswatch:S:dupefilter` (fingerprints), `rightswatch:S:claims:W` (requests worker W popped and
has not published yet), `rightswatch:S:workers` and `rightswatch:S:idle` (sets of worker ids);
`rightswatch:alive:W` expires HEARTBEAT_TTL seconds after worker W stops refreshing it.

A worker acknowledges its claims only after its landing folder is published, so a worker killed at
any moment leaves every URL it took either landed or back in the queue. The frontier persists
(SCHEDULER_PERSIST): a crawl interrupted mid-way resumes where it stopped; once every live worker
has drained it, the dupefilter is retired so the next day's crawl reads listings and sitemaps again.
`reset()` clears every key of the given sources deliberately.
"""
from __future__ import annotations

import threading
from collections import deque

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler

PREFIX = "rightswatch"
HEARTBEAT_TTL = 5  # seconds without a refresh before a worker counts as dead
HEARTBEAT_EVERY = 1.0
POLL_SECONDS = 0.05  # how soon an idle worker looks at the shared queue again (one cheap Redis call)
# Redis round trips, not Redis itself, were a fifth of a worker's CPU: two per page (one to queue a
# link, one to take it). Links found by one parse go in batches, and a worker claims a few at once.
PUSH_BATCH = 64
POP_BATCH = 8  # claimed ahead of use; a dead worker's return to the queue with its other claims

# Pop the best ARGV[2] requests and record them as claimed by this worker in one atomic step.
_POP_AND_CLAIM = """
local found = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
if #found == 0 then return {} end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #found / 2 - 1)
redis.call('HSET', KEYS[2], unpack(found))
redis.call('SREM', KEYS[3], ARGV[1])
local taken = {}
for i = 1, #found, 2 do taken[#taken + 1] = found[i] end
return taken
"""
# Mark each request (fingerprint, score, data) seen and queue it in one atomic step: a worker
# killed between the two would otherwise leave a fingerprint whose request is nowhere, and that
# URL would never be fetched. Returns 1 per request queued, 0 per duplicate.
_SEE_AND_PUSH = """
local added = {}
for i = 1, #ARGV, 3 do
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i + 2])
    added[#added + 1] = 1
  else
    added[#added + 1] = 0
  end
end
return added
"""
# Put claimed requests this worker never started back in the queue (a spider closing early).
_UNCLAIM = """
for i = 1, #ARGV do
  local score = redis.call('HGET', KEYS[2], ARGV[i])
  if score then
    redis.call('ZADD', KEYS[1], score, ARGV[i])
    redis.call('HDEL', KEYS[2], ARGV[i])
  end
end
return #ARGV
"""
_UNNAMED = object()  # a callback that is no method of the spider: scrapy-redis's own encoding then

# Move a dead worker's claims back into the queue (score kept) and forget the worker.
_REQUEUE = """
local claims = redis.call('HGETALL', KEYS[1])
for i = 1, #claims, 2 do redis.call('ZADD', KEYS[2], claims[i + 1], claims[i]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #claims / 2
"""


def key(source_id: str, part: str) -> str:
    return f"{PREFIX}:{source_id}:{part}"


def alive_key(worker: str) -> str:
    return f"{PREFIX}:alive:{worker}"


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def scrapy_settings(url: str, worker: str) -> dict:
    """Settings that put a crawler on the shared frontier as `worker`."""
    return {
        "SCHEDULER": "scrapers.frontier.FrontierScheduler",
        "SCHEDULER_PERSIST": True,  # False lets the first idle worker wipe the shared dupefilter
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{PREFIX}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{PREFIX}:%(spider)s:dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "FRONTIER_WORKER": worker,
    }


def reset(url: str, source_ids: list[str]) -> int:
    """Delete every frontier key of these sources; returns how many keys went."""
    server = connect(url)
    doomed = [k for sid in source_ids for k in server.scan_iter(match=f"{PREFIX}:{sid}:*")]
    return server.delete(*doomed) if doomed else 0


def pending(url: str, source_ids: list[str]) -> dict[str, int]:
    """Queued plus claimed requests per source: zero everywhere once a crawl has drained."""
    server = connect(url)
    out = {}
    for sid in source_ids:
        claimed = sum(server.hlen(k) for k in server.scan_iter(match=key(sid, "claims:*")))
        out[sid] = server.zcard(key(sid, "requests")) + claimed
    return out


class Heartbeat:
    """Keeps `alive:<worker>` fresh from a thread, so it outlives the Scrapy reactor until publish."""

    def __init__(self, url: str, worker: str, ttl: float = HEARTBEAT_TTL):
        self.server, self.worker = connect(url), worker
        self.ttl_ms, self.every = int(ttl * 1000), min(HEARTBEAT_EVERY, ttl / 4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="frontier-heartbeat", daemon=True)

    def _beat(self) -> None:
        while not self._stop.is_set():
            try:
                self.server.set(alive_key(self.worker), "1", px=self.ttl_ms)
            except redis.RedisError:
                pass  # a missed beat only risks a refetch by another worker, never a loss
            self._stop.wait(self.every)

    def start(self) -> "Heartbeat":
        self.server.set(alive_key(self.worker), "1", px=self.ttl_ms)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.delete(alive_key(self.worker))


def acknowledge(url: str, worker: str, source_ids: list[str]) -> None:
    """After the worker's landing is published: its claims are done for good."""
    server = connect(url)
    pipe = server.pipeline()
    for sid in source_ids:
        pipe.delete(key(sid, f"claims:{worker}"))
        pipe.srem(key(sid, "workers"), worker)
        pipe.srem(key(sid, "idle"), worker)
    pipe.execute()


class FrontierScheduler(Scheduler):
    """scrapy-redis's scheduler, with claimed pops, dead-worker recovery and a shared idea of 'done'.

    Links are queued in batches (at most PUSH_BATCH, sent before this worker next takes work and
    by the end of the reactor turn that found them) and taken POP_BATCH at a time, so a page costs
    a fraction of a Redis round trip instead of two. Deduplication stays in Redis and atomic; a
    duplicate learnt at flush time is logged and signalled (`request_dropped`) then."""

    @classmethod
    def from_settings(cls, settings):
        instance = super().from_settings(settings)
        instance.worker = settings.get("FRONTIER_WORKER")
        return instance

    def open(self, spider):
        super().open(spider)
        sid = spider.name
        self.claims_key, self.workers_key, self.idle_key = (
            key(sid, f"claims:{self.worker}"), key(sid, "workers"), key(sid, "idle"))
        self._pop = self.server.register_script(_POP_AND_CLAIM)
        self._requeue = self.server.register_script(_REQUEUE)
        self._see_and_push = self.server.register_script(_SEE_AND_PUSH)
        self._unclaim = self.server.register_script(_UNCLAIM)
        self._seeded = False
        self._idle = False
        self._poke_due = None  # the pending delayed call of _poke, at most one
        self._flush_due = None  # the pending end-of-turn call of _flush, at most one
        self._pushes: list[tuple] = []  # (request, fingerprint, score, data) not sent yet
        self._taken: deque[bytes] = deque()  # claimed, not handed to the engine yet
        self.server.sadd(self.workers_key, self.worker)
        self.recover()
        self.crawler_engine = getattr(spider.crawler, "engine", None)
        spider.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)

    def enqueue_request(self, request):
        # The seed is dont_filter so a lone crawl always fetches it; on a shared frontier only the
        # first worker's copy goes through, or every worker would fetch the entry page.
        if request.dont_filter and not self._seeded and request.url == self.spider.source.get("url"):
            self._seeded = True
            if self.df.request_seen(request):
                return False
            self.queue.push(request)
            return True
        if request.dont_filter:
            return super().enqueue_request(request)
        self._pushes.append((request, self.df.request_fingerprint(request), -request.priority,
                             self._encode(request)))
        if len(self._pushes) >= PUSH_BATCH:
            self._flush()
        else:
            self._flush_later()
        return True

    def _flush_later(self) -> None:
        """Flush at the end of this reactor turn, once for however many links it queues."""
        if self._flush_due is None:
            from twisted.internet import reactor
            self._flush_due = reactor.callLater(0, self._flush)

    def _flush(self) -> None:
        """Send the queued links: seen-and-queued atomically, one round trip for the batch."""
        if self._flush_due is not None:
            if self._flush_due.active():
                self._flush_due.cancel()
            self._flush_due = None
        pending, self._pushes = self._pushes, []
        if not pending:
            return
        added = self._see_and_push(keys=[self.df.key, self.queue.key],
                                   args=[part for _, *entry in pending for part in entry])
        for (request, *_), new in zip(pending, added):
            if new:
                if self.stats:
                    self.stats.inc_value("scheduler/enqueued/redis")
                continue
            self.df.log(request, self.spider)
            self.spider.crawler.signals.send_catch_log(signals.request_dropped, request=request,
                                                        spider=self.spider)

    def _encode(self, request) -> bytes:
        """scrapy-redis's encoding (Request.to_dict, pickled), minus to_dict's search through every
        attribute of the spider (inspect.getmembers, ~55 us) for the callbacks' names."""
        names = (self._method_name(request.callback), self._method_name(request.errback))
        if _UNNAMED in names:
            return self.queue._encode_request(request)
        callbacks = request.callback, request.errback
        request.callback = request.errback = None
        try:
            fields = request.to_dict(spider=self.spider)
        finally:
            request.callback, request.errback = callbacks
        fields["callback"], fields["errback"] = names
        return self.queue.serializer.dumps(fields)

    def _method_name(self, func):
        """`func`'s name when it is a method of this very spider, None for None, else _UNNAMED."""
        if func is None:
            return None
        name = getattr(func, "__name__", "")
        if getattr(func, "__self__", None) is not self.spider:
            return _UNNAMED
        own = getattr(self.spider, name, None)
        return name if getattr(own, "__func__", _UNNAMED) is getattr(func, "__func__", None) else _UNNAMED

    def next_request(self):
        if self._pushes:
            self._flush()  # this worker's own links count in what it takes next
        if not self._taken:
            self._taken.extend(self._pop(keys=[self.queue.key, self.claims_key, self.idle_key],
                                         args=[self.worker, POP_BATCH]))
        if not self._taken:
            # The shared queue can look non-empty to the engine (has_pending_requests) while other
            # workers take every request first: then no spider_idle comes, and without a poke this
            # worker would sleep until the engine's 5-second heartbeat.
            self._poke()
            return None
        self._idle = False
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return self.queue._decode_request(self._taken.popleft())

    def recover(self) -> int:
        """Requeue the claims of workers whose heartbeat expired; returns the requests moved."""
        moved = 0
        for raw in self.server.smembers(self.workers_key):
            other = raw.decode()
            if other != self.worker and not self.server.exists(alive_key(other)):
                moved += self._requeue(keys=[key(self.spider.name, f"claims:{other}"), self.queue.key,
                                             self.workers_key, self.idle_key], args=[other])
        if moved:
            self.spider.logger.info("frontier: requeued %d requests of dead workers", moved)
        return moved

    def on_idle(self, spider):
        """Close only when the shared queue is empty and every other live worker is idle too."""
        if spider is not self.spider:
            return
        if self._pushes or self._taken:  # not idle yet: hand them on first
            self._poke()
            raise DontCloseSpider
        if not self._idle:
            self._idle = True
            self.server.sadd(self.idle_key, self.worker)
        if self.recover() or len(self.queue):
            self._poke()
            raise DontCloseSpider
        members = {m.decode() for m in self.server.smembers(self.workers_key)}
        idle = {m.decode() for m in self.server.smembers(self.idle_key)}
        if any(m not in idle and m != self.worker for m in members):
            self._poke()
            raise DontCloseSpider
        self.server.delete(self.df.key)  # drained: the next crawl starts a fresh generation

    def _poke(self) -> None:
        """Look again in POLL_SECONDS instead of the engine's 5-second heartbeat."""
        from twisted.internet import reactor
        slot = getattr(self.crawler_engine, "_slot", None)
        if self._poke_due is None and slot is not None and hasattr(slot, "nextcall"):
            self._poke_due = reactor.callLater(POLL_SECONDS, self._wake, slot)

    def close(self, reason):
        if self._poke_due is not None and self._poke_due.active():
            self._poke_due.cancel()
        self._flush()  # links found before the close stay in the frontier for the next run
        if self._taken:  # claimed but never started: back to the queue, not acknowledged as done
            self._unclaim(keys=[self.queue.key, self.claims_key], args=list(self._taken))
            self._taken.clear()
        return super().close(reason)

    def _wake(self, slot) -> None:
        self._poke_due = None
        slot.nextcall.schedule()

    def has_pending_requests(self):
        return bool(self._pushes or self._taken) or len(self.queue) > 0
