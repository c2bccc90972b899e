# src/rs-setup: rules go here
