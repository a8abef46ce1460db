"""Tensor's methods in groups, one mixin class per file; minigrad/tensor.py joins them."""

from minigrad._tensor_methods.arithmetic import ArithmeticMethods
from minigrad._tensor_methods.base import TensorBase
from minigrad._tensor_methods.binary_math import BinaryMathMethods
from minigrad._tensor_methods.comparison import ComparisonMethods
from minigrad._tensor_methods.conversions import ConversionMethods
from minigrad._tensor_methods.counting import CountingMethods
from minigrad._tensor_methods.fused import FusedMethods
from minigrad._tensor_methods.indexing import IndexingMethods
from minigrad._tensor_methods.inplace import InplaceMethods
from minigrad._tensor_methods.inplace_math import InplaceMathMethods
from minigrad._tensor_methods.inplace_views import InplaceViewMethods
from minigrad._tensor_methods.matmul import MatmulMethods
from minigrad._tensor_methods.multiclass import MulticlassMethods
from minigrad._tensor_methods.norms_more import NormMethods
from minigrad._tensor_methods.order_statistics import OrderStatisticMethods
from minigrad._tensor_methods.pointwise import PointwiseMethods
from minigrad._tensor_methods.predicates import PredicateMethods
from minigrad._tensor_methods.products import ProductMethods
from minigrad._tensor_methods.random import RandomMethods
from minigrad._tensor_methods.ranks import RankMethods
from minigrad._tensor_methods.rearrange import RearrangeMethods
from minigrad._tensor_methods.reductions import ReductionMethods
from minigrad._tensor_methods.selection import SelectionMethods
from minigrad._tensor_methods.shape import ShapeMethods
from minigrad._tensor_methods.splits import SplitMethods
from minigrad._tensor_methods.unary_math import UnaryMathMethods
