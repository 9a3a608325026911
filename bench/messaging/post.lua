-- POSTs JSON messages round-robin over the conversations listed in conversations.txt.
local ids = {}
local token = os.getenv("TOKEN")
for line in io.lines(os.getenv("CONVERSATIONS")) do ids[#ids + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format("POST", "/api/conversations/" .. id .. "/messages",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    '{"body":"benchmark message ' .. counter .. '"}')
end
