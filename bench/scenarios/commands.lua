-- wrk script: a mix of every Accord command type over the seeded initiatives, Zipf-like popularity.
--
--   wrk -t2 -c64 -d15s --latency -s bench/scenarios/commands.lua http://127.0.0.1:PORT -- SEEDFILE TAG [ZIPF_S]
--
-- SEEDFILE has one initiative a line: "<initiativeId> <person>[:<unit>],<person>[:<unit>],..."
-- (a "|" and anything after it is ignored). TAG makes the ids of people who join in this run
-- unique across runs. ZIPF_S (default 1.0): the initiative of popularity rank k is picked with
-- weight 1/k^s.
--
-- Every command is valid when sent: people named are seeded participants (never the ones who
-- join and leave here); possibilities, milestones, requests and commitments referenced were
-- created earlier in this run by the same wrk thread, from ids read in the receipts; a request or
-- a commitment is taken out of the thread's open list when a transition is sent for it, so two
-- connections never race one transition. A receipt is matched to its command through the
-- X-Correlation-Id header the service echoes (wrk's response() does not say which request it
-- answers). Launching a new initiative is in the mix; completing one is not (it would end the
-- initiative): run.sh completes a separate initiative once per scenario.

local API = "/api/v1/initiatives"

-- weights per 1,000 commands; a kind with nothing to act on yet falls back to what creates it
local MIX = {
  {"relationship", 150}, {"possibility", 40}, {"response", 200}, {"pathway", 40},
  {"request", 80}, {"decline", 20}, {"promise", 30}, {"commitment", 90}, {"renegotiation", 40},
  {"fulfilment", 90}, {"withdrawal", 20}, {"feedback", 70}, {"acknowledgement", 50},
  {"join", 35}, {"leave", 25}, {"launch", 20},
}
local FALLBACK = {
  response = "possibility", pathway = "possibility", decline = "request", promise = "request",
  renegotiation = "commitment", fulfilment = "commitment", withdrawal = "commitment", leave = "join",
}
local STANCES = {"CO_CREATED", "OWNS", "BUYS_IN", "HAS_CONCERNS", "DECLINES"}

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

local initiatives, cdf, total_weight, mix_total
local pending = {}
local seq = 0
local tag = "run"
-- Counters are plain globals (sent_<kind>, ok_<kind>, bad_<kind>, samples) because done() reads
-- them with thread:get, which copies numbers and strings safely (tables crash wrk 4.1.0).
samples = ""
local sampled = 0
local function count(what, kind)
  local name = what .. "_" .. kind
  _G[name] = (_G[name] or 0) + 1
end

local function load_seed(path)
  local list = {}
  for line in io.lines(path) do
    local id, rest = line:match("^%s*(%S+)%s+([^|]*)")
    if id then
      local people = {}
      for item in rest:gmatch("[^,%s]+") do
        local person, unit = item:match("^(.*):([^:]+)$")
        table.insert(people, {id = person or item, unit = unit or "bench"})
      end
      if #people >= 2 then
        table.insert(list, {id = id, people = people, poss = {}, miles = {}, requests = {},
                            open = {}, closed = {}, joined = {}})
      end
    end
  end
  return list
end

function init(args)
  local path = args[1] or error("commands.lua: the seed file is the first argument after --")
  tag = (args[2] or "run") .. "t" .. tostring(thread_id or 0)
  local s = tonumber(args[3] or "1.0")
  initiatives = load_seed(path)
  if #initiatives == 0 then error("commands.lua: no initiative in " .. path) end
  cdf, total_weight = {}, 0
  for k = 1, #initiatives do
    total_weight = total_weight + 1 / k ^ s
    cdf[k] = total_weight
  end
  mix_total = 0
  for _, m in ipairs(MIX) do mix_total = mix_total + m[2] end
  math.randomseed(os.time() * 100 + (thread_id or 0))
end

local function pick_initiative()
  local r = math.random() * total_weight
  local lo, hi = 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return initiatives[lo]
end

local function pick_kind()
  local r = math.random(mix_total)
  for _, m in ipairs(MIX) do
    r = r - m[2]
    if r <= 0 then return m[1] end
  end
  return "relationship"
end

local function any(list) return list[math.random(#list)] end
local function take(list) return table.remove(list, math.random(#list)) end

-- n distinct seeded people of the initiative
local function some(ini, n)
  local copy = {}
  for i, p in ipairs(ini.people) do copy[i] = p end
  local out = {}
  for i = 1, math.min(n, #copy) do out[i] = table.remove(copy, math.random(#copy)) end
  return out
end

local function ids(people)
  local parts = {}
  for i, p in ipairs(people) do parts[i] = '"' .. p.id .. '"' end
  return "[" .. table.concat(parts, ",") .. "]"
end

local function due(days)
  return os.date("!%Y-%m-%dT17:00:00Z", os.time() + days * 86400)
end

local function possible(ini, kind)
  if kind == "response" or kind == "pathway" then return #ini.poss > 0 end
  if kind == "decline" or kind == "promise" then return #ini.requests > 0 end
  if kind == "renegotiation" or kind == "fulfilment" or kind == "withdrawal" then return #ini.open > 0 end
  if kind == "leave" then return #ini.joined > 0 end
  return true
end

-- the path, the body and what to remember until the receipt comes back
local function command(ini, kind, n)
  local base = API .. "/" .. ini.id
  if kind == "relationship" then
    return base .. "/relationships", string.format(
      '{"participants":%s,"mutualUnderstanding":"Conversation %d: we say early when a date is at risk and what the other needs from us"}',
      ids(some(ini, 2 + math.random(0, 2))), n)
  elseif kind == "possibility" then
    local who = some(ini, 4 + math.random(0, 2))
    local author = table.remove(who, 1)
    return base .. "/possibilities", string.format(
      '{"statement":"Possibility %d: a shared way of working across the units","sharedBy":"%s","coAuthors":[],"audience":%s}',
      n, author.id, ids(who))
  elseif kind == "response" then
    return base .. "/possibilities/" .. any(ini.poss) .. "/responses", string.format(
      '{"personId":"%s","stance":"%s","note":"Response %d"}', any(ini.people).id, any(STANCES), n)
  elseif kind == "pathway" then
    local who = some(ini, 2 + math.random(0, 2))
    local miles = {}
    for m = 1, math.random(1, 3) do
      miles[m] = string.format('{"title":"Milestone %d of pathway %d","dueBy":"%s","unit":"%s"}',
        m, n, due(14 + math.random(70)), who[1 + (m - 1) % #who].unit)
    end
    return base .. "/pathways", string.format(
      '{"possibilityId":"%s","participants":%s,"who":"%s leads, with the others","what":"Pathway %d","when":"Over the next three months","where":"Where the units already meet","how":"Weekly review of the milestones","milestones":[%s]}',
      any(ini.poss), ids(who), who[1].id, n, table.concat(miles, ","))
  elseif kind == "request" then
    local two = some(ini, 2)
    return base .. "/commitment-requests", string.format(
      '{"requestedBy":"%s","personId":"%s","result":"Requested result %d","dueBy":"%s"}',
      two[1].id, two[2].id, n, due(7 + math.random(42))), {person = two[2]}
  elseif kind == "decline" then
    local request = take(ini.requests)
    return base .. "/commitment-requests/" .. request.id .. "/decline",
      string.format('{"reason":"No capacity this quarter (%d)"}', n)
  elseif kind == "commitment" or kind == "promise" then
    local request = kind == "promise" and take(ini.requests) or nil
    local who = request and request.person or any(ini.people)
    local links = ""
    if request then
      links = string.format(',"requestId":"%s"', request.id)
    elseif #ini.miles > 0 and math.random(10) <= 5 then
      local m = any(ini.miles)
      links = string.format(',"pathwayId":"%s","milestoneId":"%s"', m.pathway, m.milestone)
    end
    return base .. "/commitments", string.format(
      '{"personId":"%s","role":"Member of %s","result":"Committed result %d","dueBy":"%s"%s}',
      who.id, who.unit, n, due(7 + math.random(49)), links), {person = who}
  elseif kind == "renegotiation" then
    local c = take(ini.open)
    return base .. "/commitments/" .. c.id .. "/renegotiation", string.format(
      '{"dueBy":"%s","reason":"Another priority moved the date (%d)"}', due(30 + math.random(28)), n), {commitment = c}
  elseif kind == "fulfilment" then
    local c = take(ini.open)
    return base .. "/commitments/" .. c.id .. "/fulfilment",
      string.format('{"evidence":"Delivered (%d)"}', n), {commitment = c}
  elseif kind == "withdrawal" then
    local c = take(ini.open)
    return base .. "/commitments/" .. c.id .. "/withdrawal",
      string.format('{"reason":"Reassigned (%d)"}', n), {commitment = c}
  elseif kind == "feedback" or kind == "acknowledgement" then
    local c = #ini.closed > 0 and math.random(2) == 1 and any(ini.closed) or nil
    local to = c and c.person or any(ini.people)
    local from = any(ini.people)
    while from.id == to.id do from = any(ini.people) end
    local about = c and string.format(',"commitmentId":"%s"', c.id) or ""
    return base .. (kind == "feedback" and "/feedback" or "/acknowledgements"), string.format(
      '{"from":"%s","to":"%s","text":"%s %d"%s}', from.id, to.id,
      kind == "feedback" and "Feedback" or "Thanks", n, about)
  elseif kind == "join" then
    local person = {id = tag .. "j" .. n, unit = ini.people[1].unit}
    return base .. "/participants", string.format(
      '{"personId":"%s","displayName":"Guest %d","unit":"%s","role":"Guest"}', person.id, n, person.unit),
      {person = person}
  elseif kind == "leave" then
    local person = take(ini.joined)
    return base .. "/participants/" .. person.id, nil
  else -- launch
    local sponsor = ini.people[1]
    return API, string.format(
      '{"title":"Bench initiative %s-%d","strategy":"Measure the command path","sponsor":{"personId":"%s","displayName":"Sponsor","unit":"%s","role":"Sponsor"},"units":["%s"]}',
      tag, n, sponsor.id, sponsor.unit, sponsor.unit)
  end
end

function request()
  local ini = pick_initiative()
  local kind = pick_kind()
  if not possible(ini, kind) then kind = FALLBACK[kind] end
  seq = seq + 1
  local path, body, memo = command(ini, kind, seq)
  local corr = tag .. "c" .. seq
  memo = memo or {}
  memo.kind, memo.ini = kind, ini
  pending[corr] = memo
  count("sent", kind)
  local headers = {["X-Correlation-Id"] = corr, ["Accept"] = "application/json"}
  if body then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", path, headers, body)
  end
  return wrk.format("DELETE", path, headers, nil)
end

local function remember(memo, body)
  local ini, kind = memo.ini, memo.kind
  if kind == "possibility" then
    table.insert(ini.poss, body:match('"possibilityId"%s*:%s*"([^"]+)"'))
  elseif kind == "pathway" then
    local pathway = body:match('"pathwayId"%s*:%s*"([^"]+)"')
    local list = body:match('"milestoneIds"%s*:%s*%[([^%]]*)%]') or ""
    for m in list:gmatch('"([^"]+)"') do table.insert(ini.miles, {pathway = pathway, milestone = m}) end
  elseif kind == "request" then
    table.insert(ini.requests, {id = body:match('"requestId"%s*:%s*"([^"]+)"'), person = memo.person})
  elseif kind == "commitment" or kind == "promise" then
    table.insert(ini.open, {id = body:match('"commitmentId"%s*:%s*"([^"]+)"'), person = memo.person})
  elseif kind == "renegotiation" then
    table.insert(ini.open, memo.commitment)
  elseif kind == "fulfilment" or kind == "withdrawal" then
    table.insert(ini.closed, memo.commitment)
  elseif kind == "join" then
    table.insert(ini.joined, memo.person)
  end
end

function response(status, headers, body)
  local corr = headers["X-Correlation-Id"] or headers["x-correlation-id"]
  local memo = corr and pending[corr]
  if not memo then
    -- an answer that does not carry a correlation id this thread sent (e.g. refused before
    -- reaching Accord's handlers): counted apart, and non-2xx as any other
    count(status >= 200 and status < 300 and "ok" or "bad", "unmatched")
    if sampled < 5 then
      sampled = sampled + 1
      samples = samples .. "unmatched answer: " .. status .. " " .. string.sub(body or "", 1, 200):gsub("\n", " ") .. "\n"
    end
    return
  end
  pending[corr] = nil
  if status >= 200 and status < 300 then
    count("ok", memo.kind)
    remember(memo, body or "")
  else
    count("bad", memo.kind)
    if sampled < 5 then
      sampled = sampled + 1
      samples = samples .. "non-2xx sample: " .. memo.kind .. " " .. status .. " "
        .. string.sub(body or "", 1, 300):gsub("\n", " ") .. "\n"
    end
  end
end

function done(summary, latency, requests)
  local ok, bad, kinds = 0, 0, {}
  local all = {"unmatched"}
  for _, m in ipairs(MIX) do table.insert(all, m[1]) end
  for _, thread in ipairs(threads) do
    for _, kind in ipairs(all) do
      local k = kinds[kind] or {sent = 0, ok = 0, bad = 0}
      k.sent = k.sent + (thread:get("sent_" .. kind) or 0)
      k.ok = k.ok + (thread:get("ok_" .. kind) or 0)
      k.bad = k.bad + (thread:get("bad_" .. kind) or 0)
      if k.sent + k.ok + k.bad > 0 then kinds[kind] = k end
      ok, bad = ok + (thread:get("ok_" .. kind) or 0), bad + (thread:get("bad_" .. kind) or 0)
    end
    io.write(thread:get("samples") or "")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("result requests %d\n", summary.requests))
  io.write(string.format("result seconds %.2f\n", seconds))
  io.write(string.format("result rate %.1f\n", ok / seconds))
  io.write(string.format("result ok %d\n", ok))
  io.write(string.format("result non2xx %d\n", bad))
  io.write(string.format("result socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("result timeouts %d\n", e.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("result p%d_ms %.1f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("result max_ms %.1f\n", latency.max / 1000))
  local names = {}
  for kind in pairs(kinds) do table.insert(names, kind) end
  table.sort(names)
  for _, kind in ipairs(names) do
    local k = kinds[kind]
    io.write(string.format("kind %-16s sent %7d  2xx %7d  other %5d\n", kind, k.sent, k.ok, k.bad))
  end
end
