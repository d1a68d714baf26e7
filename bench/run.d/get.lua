-- bench/run: one GET, the same request every time. KEY (x-api-key) and TARGET (path and query,
-- already URL-encoded) come from the environment.
wrk.method = "GET"
wrk.path = os.getenv("TARGET")
wrk.headers["x-api-key"] = os.getenv("KEY")
