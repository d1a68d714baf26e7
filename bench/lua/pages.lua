-- Authenticated GET of one page of a list (bench/pages). KEY and TARGET (path with query,
-- already URL-encoded) come from the environment.
wrk.method = "GET"
wrk.path = os.getenv("TARGET")
wrk.headers["x-api-key"] = os.getenv("KEY")
