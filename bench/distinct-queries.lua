-- wrk script: every request asks the same search with a different spacing ("低保 通知" with
-- a, b, c spaces before, between and after the words). The results are the same, but each
-- request is a new key for the portal's 5-second result cache, so it measures a cache miss:
-- the read worker, the query and the rendering, every time.
local counter = 0
local id = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  counter = id * 100000000
end

request = function()
  counter = counter + 1
  local a = counter % 60
  local b = math.floor(counter / 60) % 60 + 1
  local c = math.floor(counter / 3600) % 60 + math.floor(counter / 100000000) * 60
  local q = string.rep("%20", a) .. "%E4%BD%8E%E4%BF%9D" .. string.rep("%20", b) .. "%E9%80%9A%E7%9F%A5" .. string.rep("%20", c)
  return wrk.format("GET", wrk.path .. "?q=" .. q)
end
