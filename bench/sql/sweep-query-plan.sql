-- 1,000,000 grants in one realm: 100,000 ACTIVE and past their end, 600,000 ACTIVE in the future, 300,000 ended.
INSERT INTO pa_grant (id, realm_id, request_id, user_id, partner_id, role_id, role_name, client_id, granted_at, expires_at, status, version)
SELECT md5('g' || i), 'bench-realm', md5('r' || i), md5('u' || (i % 200000)), md5('p' || (i % 1000)), 'role-1', 'deal-registration', NULL,
       1700000000000,
       CASE WHEN i <= 100000 THEN 1700000000000 + i * 1000 ELSE 1900000000000 + i * 1000 END,
       CASE WHEN i <= 100000 THEN 'ACTIVE' WHEN i <= 700000 THEN 'ACTIVE' WHEN i <= 850000 THEN 'EXPIRED' ELSE 'REVOKED' END, 0
FROM generate_series(1, 1000000) AS i;
ANALYZE pa_grant;
\echo '--- due grants, one batch of 500 (100,000 due)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.id FROM pa_grant g WHERE g.realm_id = 'bench-realm' AND g.status = 'ACTIVE' AND g.expires_at <= 1800000000000 ORDER BY g.expires_at, g.id LIMIT 500;
\echo '--- nothing due (all 100,000 made EXPIRED first)'
UPDATE pa_grant SET status = 'EXPIRED' WHERE expires_at <= 1800000000000;
VACUUM ANALYZE pa_grant;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.id FROM pa_grant g WHERE g.realm_id = 'bench-realm' AND g.status = 'ACTIVE' AND g.expires_at <= 1800000000000 ORDER BY g.expires_at, g.id LIMIT 500;
\echo '--- a user''s active grants (token mapper)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM pa_grant g WHERE g.realm_id = 'bench-realm' AND g.user_id = md5('u42') AND g.status = 'ACTIVE' ORDER BY g.expires_at, g.id;
DELETE FROM pa_grant WHERE realm_id = 'bench-realm';
