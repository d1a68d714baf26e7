-- Authenticated GET of one resource. KEY and TARGET come from the environment.
wrk.method = "GET"
wrk.path = os.getenv("TARGET")
wrk.headers["x-api-key"] = os.getenv("KEY")
