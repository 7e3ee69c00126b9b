-- wrk script of scripts/serve-load.sh: GETs the paths given after `--`
-- in turn, and checks every response: status 2xx, a complete page (one
-- `window.__stele={build:N` and the closing `</html>`), and for the page
-- being edited, that one build number always comes with one edit number
-- (`EDIT-k`): a page mixing two builds would break that.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for _, p in ipairs(args) do paths[#paths + 1] = p end
  i = 0
  non2xx = 0
  torn = 0
  checked = 0
  seen = {}
  pairs_str = ""
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    return
  end
  local ctype = headers["Content-Type"] or headers["content-type"] or ""
  if not string.find(ctype, "text/html", 1, true) then return end
  checked = checked + 1
  local _, markers = string.gsub(body, "window%.__stele={build:", "")
  local tail = string.match(body, "</html>%s*$")
  if markers ~= 1 or not tail then
    torn = torn + 1
    return
  end
  local b = string.match(body, "window%.__stele={build:(%d+)")
  local k = string.match(body, "EDIT%-(%d+)")
  if b and k then
    local key = b .. ":" .. k
    if not seen[key] then
      seen[key] = true
      pairs_str = pairs_str .. key .. " "
    end
  end
end

function done(summary, latency, requests)
  local non2xx_all, torn_all, checked_all = 0, 0, 0
  local build_edit = {}
  local mixed = 0
  for _, t in ipairs(threads) do
    non2xx_all = non2xx_all + t:get("non2xx")
    torn_all = torn_all + t:get("torn")
    checked_all = checked_all + t:get("checked")
    for b, k in string.gmatch(t:get("pairs_str"), "(%d+):(%d+)") do
      if build_edit[b] and build_edit[b] ~= k then mixed = mixed + 1 end
      build_edit[b] = k
    end
  end
  local builds = 0
  local prev_b, prev_k, backwards = -1, -1, 0
  local keys = {}
  for b, _ in pairs(build_edit) do keys[#keys + 1] = tonumber(b) end
  table.sort(keys)
  for _, b in ipairs(keys) do
    builds = builds + 1
    local k = tonumber(build_edit[tostring(b)])
    if k < prev_k then backwards = backwards + 1 end
    prev_b, prev_k = b, k
  end
  io.write(string.format(
    "check: %d requests, %d non-2xx, %d HTML pages checked, %d torn, %d builds of the edited page seen, %d build numbers with two edits, %d edits going backwards\n",
    summary.requests, non2xx_all, checked_all, torn_all, builds, mixed, backwards))
end
