-- A shared PostgreSQL database for a StanceCoder team.
-- Run as a superuser, e.g.: psql -h HOST -U postgres -f db/team-setup.sql
-- Then the lead opens the project once (which creates the schema):
--   stancecoder init postgresql://stancecoder_lead:PASSWORD@HOST/stancecoder
-- and every coder connects as stancecoder_coder:
--   stancecoder postgresql://NAME:PASSWORD@HOST/stancecoder

CREATE ROLE stancecoder_lead LOGIN PASSWORD 'change-me';
CREATE ROLE stancecoder_coders NOLOGIN;
CREATE DATABASE stancecoder OWNER stancecoder_lead;

\connect stancecoder

-- The lead owns the schema: only the lead's connection runs migrations on upgrade.
ALTER SCHEMA public OWNER TO stancecoder_lead;
GRANT USAGE ON SCHEMA public TO stancecoder_coders;

-- Coders read and write codings; tables created later by the lead are covered too.
ALTER DEFAULT PRIVILEGES FOR ROLE stancecoder_lead IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stancecoder_coders;
ALTER DEFAULT PRIVILEGES FOR ROLE stancecoder_lead IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO stancecoder_coders;

-- One login per coder, so the server's logs say who changed what:
-- CREATE ROLE alice LOGIN PASSWORD 'change-me' IN ROLE stancecoder_coders;
