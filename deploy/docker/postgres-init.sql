-- One database per data-owning service (DESIGN.md: no service reads another's tables).
CREATE DATABASE registry;
CREATE DATABASE metering;
CREATE DATABASE health;
CREATE DATABASE certificate;
