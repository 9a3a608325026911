-- POSTs a login for one of the benchmark users (round-robin), as a client would.
local counter = 0
request = function()
  counter = counter + 1
  local n = counter % 20
  local body = '{"identifier":"benchuser' .. n .. '","password":"benchmark passphrase"}'
  return wrk.format("POST", "/api/auth/login", { ["Content-Type"] = "application/json" }, body)
end
