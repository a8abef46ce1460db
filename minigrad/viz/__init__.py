"""See the internals: draw a graph, step through a backward pass (optional extra ``viz``).

``make_dot`` gives torchviz's DOT, ``draw`` a matplotlib picture without any
Graphviz binary, ``trace_backward`` the backward pass node by node.
"""

from minigrad.viz.dot import Dot, make_dot
from minigrad.viz.draw import draw
from minigrad.viz.trace import Step, Trace, trace_backward
