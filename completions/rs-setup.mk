# rs-setup completions
