-- The event mix both event benchmarks post: deal.closed with an amount, video.watched,
-- quiz.passed with a score and lead.registered, in turn; `n` picks the type and the values.
function event_body(id, member, n)
  local pick = n % 4
  if pick == 0 then
    return '{"id":"' .. id .. '","type":"deal.closed","member_id":"m-' .. member .. '","properties":{"amount":' .. (500 + (n * 37) % 100000) .. '}}'
  elseif pick == 1 then
    return '{"id":"' .. id .. '","type":"video.watched","member_id":"m-' .. member .. '"}'
  elseif pick == 2 then
    return '{"id":"' .. id .. '","type":"quiz.passed","member_id":"m-' .. member .. '","properties":{"score":' .. (n % 11) .. '}}'
  end
  return '{"id":"' .. id .. '","type":"lead.registered","member_id":"m-' .. member .. '"}'
end
