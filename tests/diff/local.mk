# differential suite
