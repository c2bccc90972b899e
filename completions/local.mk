# completions: rules go here
