-- wrk script: POST /localize with a Defender error body, in German.
--   wrk -t1 -c32 -d10s -s benches/localize.lua http://127.0.0.1:8080/localize
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Language"] = "de"
wrk.body = '{"error":{"code":"InvalidHashValue","message":"Hash value abc is invalid.","target":"43f4cb08"}}'

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
