# ipvsadm completions
