-- wrk script for benches/serve-load.sh: the paths of PATHS (one per line), round-robin from a
-- different start in each thread, asking for JSON results (pages ignore Accept).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local k = 0
function setup(thread) thread:set("k", math.random(#paths)) end
function request()
  k = k + 1
  return wrk.format("GET", paths[(k % #paths) + 1], { Accept = "application/sparql-results+json, text/html;q=0.9" })
end
