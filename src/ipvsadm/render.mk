# ipvsadm render (owned by the render work)
