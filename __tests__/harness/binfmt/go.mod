module setupbuildkit/binfmt-double

go 1.21
