"""Every primitive op: its forward on NumPy arrays beside its backward formula.

An op is a Node subclass (ops/op.py). ``forward`` gets the inputs' arrays
(Python scalars stay scalars) and returns the output array; ``save`` names
what ``backward`` needs (input positions, or OUTPUT). ``backward(grad,
*saved)`` returns one gradient per input and is written once, in the formula
vocabulary (ops/formula.py), so the engine runs it on arrays for a
first-order backward and on Tensors, recording a graph, when
``create_graph=True``. Broadcasting is undone by the engine, never here.
The ops never see the Tensor class: ``minigrad.tensor.apply`` runs them.
"""

from minigrad.ops.activation import (
    Elu,
    EluInplace,
    LeakyRelu,
    LeakyReluInplace,
    Softplus,
)
from minigrad.ops.activation_more import *  # noqa: F403  (Gelu, Silu, ... Prelu)
from minigrad.ops.batched import Bmm, Einsum
from minigrad.ops.bernoulli import Bernoulli, BernoulliScalar
from minigrad.ops.bessel import I0, I1, I0e, I1e
from minigrad.ops.binary import (
    Add,
    ClampTensor,
    Div,
    Maximum,
    Minimum,
    Mul,
    PowTensor,
    Reciprocal,
    RSub,
    Sub,
    Where,
)
from minigrad.ops.cholesky import Cholesky, CholeskyInverse, CholeskySolve
from minigrad.ops.conv import ConvInputGrad, Convolution, ConvWeightGrad
from minigrad.ops.cumulative import Cumprod, Logcumsumexp, Nansum
from minigrad.ops.decompositions import (
    ClonedCoefficient,
    Eigh,
    Qr,
    SolveTriangular,
    Svd,
)
from minigrad.ops.diagonal import DiagEmbed, Diagonal, Trace, Tril
from minigrad.ops.division import (
    DivRounding,
    FloorDivide,
    Fmod,
    FmodScalar,
    Remainder,
    RemainderOfNumber,
    RemainderScalar,
)
from minigrad.ops.extrema import Amax, Logsumexp, MedianAll, Picked
from minigrad.ops.fold import Col2Im, Im2Col
from minigrad.ops.gamma import (
    Digamma,
    Frexp,
    Ldexp,
    Lgamma,
    Mvlgamma,
    Nextafter,
    Polygamma,
)
from minigrad.ops.gather import Gather, Scatter, ScatterAdd, ScatterValue, check_index
from minigrad.ops.incomplete_gamma import Igamma, Igammac
from minigrad.ops.index_select import (
    IndexAdd,
    IndexCopy,
    IndexFill,
    IndexSelect,
    MaskedSelect,
    Take,
)
from minigrad.ops.inplace import (
    AsStrided,
    AsStridedScatter,
    Copy,
    CopySlices,
    Fill,
    IndexPutValues,
    Zero,
)
from minigrad.ops.linalg import Det, Inverse, SlogdetLogabs, SlogdetSign, Solve
from minigrad.ops.loss import BinaryCrossEntropy, BinaryCrossEntropyWithLogits, MseLoss
from minigrad.ops.loss_more import *  # noqa: F403  (SmoothL1Loss, HuberLoss, ...)
from minigrad.ops.masked_fill import MaskedFill
from minigrad.ops.matmul import Linear, Matmul, Mm
from minigrad.ops.moments import MeanOfPair, StdOfPair, VarOfPair
from minigrad.ops.nll import (
    AddScalar,
    DivCount,
    DivScalar,
    MaskedFillScalar,
    MulScalar,
    NllLoss,
)
from minigrad.ops.no_derivative import NoDerivative
from minigrad.ops.norm import BatchNorm
from minigrad.ops.op import Op
from minigrad.ops.pad import ConstantPadNd, IndexPad, IndexPadGrad
from minigrad.ops.pairwise import (
    ClampMax,
    ClampMaxTensor,
    ClampMin,
    ClampMinTensor,
    Copysign,
    CopysignScalar,
    Fmax,
    Fmin,
    Heaviside,
    Lerp,
    LerpTensor,
    Logaddexp,
    Logaddexp2,
)
from minigrad.ops.pinv import Lstsq, LstsqResiduals, Pinv
from minigrad.ops.pool import AdaptiveAvgPool, AvgPool, MaxPoolWithIndices
from minigrad.ops.products import AddProduct, Cross, Vdot
from minigrad.ops.reduce import MaxAll, MaxDim, Mean, MinAll, MinDim, Sum
from minigrad.ops.reorder import Flip, Roll, Rot90
from minigrad.ops.repeat import Repeat
from minigrad.ops.rounding import Ceil, Floor, Frac, RoundDecimals, Sgn, Sign, Trunc
from minigrad.ops.shape import (
    Cat,
    Expand,
    Index,
    IndexPut,
    Permute,
    Stack,
    Transpose,
    View,
)
from minigrad.ops.softmax import LogSoftmax, Softmax
from minigrad.ops.softmax import kernel_name as softmax_kernel_name
from minigrad.ops.sorting import PutAlong, TakeAlong
from minigrad.ops.special import (
    Deg2Rad,
    Erf,
    Erfc,
    Erfinv,
    Exp2,
    Expm1,
    Log1p,
    Log2,
    Log10,
    Logit,
    NanToNum,
    NumberXlogy,
    Rad2Deg,
    Rsqrt,
    Sinc,
    Xlogy,
    XlogyOfNumber,
)
from minigrad.ops.special_more import XLOG1PY, ZETA, Entr, Erfcx, LogNdtr, Ndtri
from minigrad.ops.statistics import Cumsum, Prod, ReversedCumsum, Std, Var, VectorNorm
from minigrad.ops.trig import (
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atan2,
    Atanh,
    Cosh,
    Hypot,
    Sinh,
    Tan,
)
from minigrad.ops.unary import (
    Abs,
    BackwardHookFunction,
    Clamp,
    Clone,
    Cos,
    Exp,
    Log,
    Neg,
    Pow,
    Relu,
    Round,
    RPow,
    Sigmoid,
    Sin,
    Sqrt,
    Tanh,
    ToCopy,
)
