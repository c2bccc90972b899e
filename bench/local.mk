# bench: rules go here
