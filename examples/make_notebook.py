"""Build examples/week03.ipynb from the course's cells and run it on minigrad.

    python examples/make_notebook.py               # build, run on minigrad, save
    python examples/make_notebook.py --no-execute  # build only, without outputs

The cells are written below in the percent format: a line `# %%` starts a code
cell, a line `# %% [markdown]` a markdown cell. ALIAS is the one line that is
not the course's; COURSE is the course's week 3 notebook, cell for cell, code
unchanged (a `plt.savefig` line is added after each of its four plots);
COMPLETION fills the course's three empty sections at the end. The plots are
saved as PNGs beside the notebook.
"""
# ruff: noqa: E501  (the course's markdown cells are kept verbatim)

from pathlib import Path

from _notebooks import ALIAS, main
from _notebooks import build as _build

NOTEBOOK = Path(__file__).resolve().parent / "week03.ipynb"

COURSE = r"""
# %% [markdown]
<a href="https://colab.research.google.com/github/kangwonlee/pytorch-ibm-coursera/blob/main/week03.ipynb" target="_parent"><img src="https://colab.research.google.com/assets/colab-badge.svg" alt="Open In Colab"/></a>
# %% [markdown]
# Hello PyTorch 👋🏻
# %% [markdown]
references
* https://www.coursera.org/learn/deep-neural-networks-with-pytorch/
* https://github.com/damounayman/Deep-Neural-Networks-with-PyTorch/blob/main/Week1/1D_tensors.ipynb
# %% [markdown]
## week 3
# %% [markdown]
### 4.1 Multiple Linear Regression Prediction
# %% [markdown]
$$
\mathbb{y}_{n \times 1} = \mathbb{X}_{n \times m}\mathbb{w}_{m \times 1} + b_{-1\times 1}
$$
# %% [markdown]
Here, -1 of $b_{-1 \times 1}$ means the `numpy` broadcasting.
# %% [markdown]
#### Linear Class
# %%
import torch.nn
# %%
torch.manual_seed(1)
model = torch.nn.Linear(in_features=2, out_features=1)

list(model.parameters())
# %%
model.state_dict()
# %% [markdown]
Forward
# %%
X = torch.tensor([1.0, 3.0])
yhat = model(X)
yhat
# %% [markdown]
#### Custom Modules
# %%
import torch.nn


torch.manual_seed(1)
class LR(torch.nn.Module):

  def __init__(self, input_size, output_size):
    super(LR, self).__init__()
    self.linear = torch.nn.Linear(input_size, output_size)

  def forward(self, x):
    return self.linear(x)

model = LR(input_size=2, output_size=1)
# %%
X = torch.tensor(
    [
        [1.0, 1.0],
        [1.0, 2.0],
        [1.0, 3.0],
    ]
)
X
# %%
model(X)
# %% [markdown]
### 4.2 Multiple Linear Regression Training
# %% [markdown]
$$
l\left(\mathbb{w}, b\right)=
\frac{1}{N}
\sum_{i=1}^N{
  \left(
    y_i - (x \cdot \mathbb{w}+b)
  \right)^2
}
$$
# %% [markdown]
Gradient vector
# %% [markdown]
$$
\nabla l(\mathbb{w}, b) = \begin{bmatrix}
  \frac{\partial}{\partial w_1}l(\mathbb{w}, b) \\
  \frac{\partial}{\partial w_2}l(\mathbb{w}, b) \\
  \vdots \\
  \frac{\partial}{\partial w_d}l(\mathbb{w}, b) \\
  \frac{\partial}{\partial b}l(\mathbb{w}, b) \\
\end{bmatrix}
$$
# %%
import matplotlib.pyplot as plt

import torch
import torch.nn
import torch.optim
import torch.utils.data
# %%
class Data2D(torch.utils.data.Dataset):
  def __init__(self, n_samples=21, ndim=2, xlim=1, noise=0.1):

    self.x = torch.zeros(n_samples, ndim)
    for idim in range(ndim):
      self.x[:, idim] = torch.linspace(-xlim, xlim, n_samples)

    self.w = torch.tensor([[1.0]]*ndim)
    self.b = 1.0

    self.f = self.forward(self.w, self.x, self.b)
    self.y = self.x + noise * torch.randn((n_samples, 1))

    self.len = n_samples

  @staticmethod
  def forward(w, x, b):
    return torch.mm(x, w) + b

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len
# %%
data_set = Data2D()
criterion = torch.nn.MSELoss()

trainloader = torch.utils.data.DataLoader(
    dataset=data_set,
    batch_size=2
)

model = LR(input_size=2, output_size=1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

LOSS, epoch_list = [], []

for epoch in range(100):
  for k, (x, y) in enumerate(trainloader):
    yhat = model(x)
    loss = criterion(yhat, y)

    epoch_list.append(epoch + k/len(trainloader))
    LOSS.append(loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
# %%
plt.loglog(epoch_list, LOSS, '.-')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.grid(True)

plt.savefig('week03_regression_loss.png')  # added: keeps the plot as a PNG
# %% [markdown]
Multiple dimension example :
* input 1 dimension
* output 10 dimension
# %%
torch.manual_seed(1)

model = LR(1, 10)
model(torch.tensor([1.0]))
# %%
list(
    model.parameters()
)
# %%
x = torch.tensor([[1.0]])
# %% [markdown]
Predict one sample
# %%
yhat = model(x)
yhat
# %% [markdown]
Predict three samples
# %%
X = torch.tensor([
    [1.0],
    [1.0],
    [3.0],
])
# %%
Yhat = model(X)
Yhat
# %% [markdown]
$$
\mathbb{y}_{n \times m} = \mathbb{X}_{n \times d}\mathbb{W}_{d \times m} + b
$$
# %% [markdown]
Training with multiple output
# %% [markdown]
$$
\mathbb{y}_{n \times m} = \mathbb{X}_{n \times d}\mathbb{W}_{d \times m} + \mathbb{b}_{-1\times m} \\
l({\mathbb{W}}, b) = \frac{1}{N}\sum_{i=1}^{N}{
  \left\Vert
    y_i-(\mathbb{x}_i\mathbb{W}_{d \times m}+\mathbb{b})
  \right\Vert^2
}
$$
# %% [markdown]
Updating the Weight $\mathbb{W}$ and bias $\mathbb{b}$ from k'th step to (k+1)st
$$
\begin{align}
  \mathbb{W}^{k+1} &= \mathbb{W}^k-\eta \nabla l(\mathbb{W}^k, b^k) \\
  \mathbb{b}^{k+1} &= \mathbb{b}^k-\eta \frac{\partial}{\partial b} l(\mathbb{W}^k, b^k)
\end{align}
$$
# %% [markdown]
`Data2D` class for multiple input dimensions and multiple output dimensions
# %%
class Data2D(torch.utils.data.Dataset):
  def __init__(self, n_samples=21, in_dim=2, out_dim=2, xlim=1, noise=0.1):
    self.x = torch.zeros(n_samples, in_dim)
    for idim in range(in_dim):
      self.x[:, idim] = torch.linspace(-xlim, xlim, n_samples)

    self.w = torch.tensor(
      [
        [float((-1)**odim) for odim in range(out_dim)]
          for idim in range(in_dim)
      ]
    )

    self.b = torch.tensor(
      [
        [float((-1)**odim) for odim in range(out_dim)]
      ]
    )

    self.f = self.forward(self.w, self.x, self.b)
    self.y = self.x + noise * torch.randn((n_samples, 1))

    self.len = n_samples

  @staticmethod
  def forward(w, x, b):
    return torch.mm(x, w) + b

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len
# %% [markdown]
Training steps for MIMO
# %%
n_input_dimension = 2
n_output_dimensin = 2
n_epoch = 100
n_batch = 5
# %% [markdown]
Traning using Mini-Batch Gradient Descent
# %%
data_set = Data2D()
criterion = torch.nn.MSELoss()

trainloader = torch.utils.data.DataLoader(
    dataset=data_set,
    batch_size=n_batch
)

model = LR(input_size=n_input_dimension, output_size=n_output_dimensin)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

LOSS, epoch_list = [], []

for epoch in range(n_epoch):
  for k, (x, y) in enumerate(trainloader):
    yhat = model(x)
    loss = criterion(yhat, y)

    epoch_list.append(epoch + k/len(trainloader))
    LOSS.append(loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
# %%
plt.loglog(epoch_list, LOSS, '.-')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.grid(True)

plt.savefig('week03_mimo_loss.png')  # added: keeps the plot as a PNG
# %% [markdown]
### 5.0 Linear Classifiers
# %% [markdown]
#### Linear Classifiers
* Will always give continuous numbers : 3, -2, 0, ...
* To match with class that we want to fit, would need **Threshold Functions**
# %% [markdown]
#### Logistic Regression for classification
* Would use sigmoid function
$$
\delta(z)=\frac{1}{1+e^{-z}}
$$
* Would smoothly connect 0 and 1
* Pass linear function result through $\delta(z)$ to get classification
* Possible to consider as a probability
# %% [markdown]
### 5.1 Logistic Regression : Prediction
# %% [markdown]
#### Logistic Function
# %% [markdown]
* scalar $x$
$$
\begin{align}
z &= wx + b \\
\hat y &= \sigma(z)
\end{align}
$$
* vector $\mathbb x$
$$
\begin{align}
z &= \mathbb x\mathbb w + b \\
\hat y &= \sigma(z)
\end{align}
$$
# %% [markdown]
Get `sig()` function from `nn.Sigmoid()` and plot $z$ vs $\sigma(z)$
# %%
import torch
import torch.nn
import matplotlib.pyplot as plt

z = torch.linspace(-100, 100, 2000+1).view(-1, 1)

sig = torch.nn.Sigmoid()

yhat = sig(z)

plt.plot(z.numpy(), yhat.numpy())
plt.xlabel('z')
plt.ylabel('$\sigma(z)$')
plt.grid(True)

plt.savefig('week03_sigmoid_module.png')  # added: keeps the plot as a PNG
# %% [markdown]
Plot $z$ vs $\sigma(z)$ using `torch.sigmoid()`
# %%
import torch
import matplotlib.pyplot as plt

z = torch.linspace(-100, 100, 2000+1).view(-1, 1)
yhat = torch.sigmoid(z)

plt.plot(z.numpy(), yhat.numpy())
plt.xlabel('z')
plt.ylabel('$\sigma(z)$')
plt.grid(True)

plt.savefig('week03_sigmoid_function.png')  # added: keeps the plot as a PNG
# %% [markdown]
#### `nn.Sequential()`
* To simplify implementing logistic regression model
* Pass both return values from `nn.Linear()` and `nn.Sigmoid()` to `nn.Sequential()`
# %%
import torch.nn

torch.manual_seed(1)


sequential_model = torch.nn.Sequential(
    torch.nn.Linear(1, 1),
    torch.nn.Sigmoid()
)
yhat = sequential_model(z)
# %% [markdown]
#### Build a custom model using `nn.Module`
# %%
import torch.nn


class logistic_regression(torch.nn.Module):
  def __init__(self, in_size, out_size=1):
    super(logistic_regression, self).__init__()
    self.linear = torch.nn.Linear(in_size, out_size)

  def forward(self, x):
    return torch.sigmoid(self.linear(x))
# %%
custom_model = logistic_regression(1)
yhat = custom_model(z)
# %% [markdown]
#### Making a Prediction
parameters : weigt and bias
# %%
print(list(sequential_model.parameters()))
# %% [markdown]
single sample
# %%
x = torch.tensor([[1.0]])

yhat = sequential_model(x)
yhat
# %% [markdown]
multiple samples
# %%
x = torch.tensor([
    [1.0],
    [100.0],
])

yhat = sequential_model(x)
yhat
# %% [markdown]
#### Multidimensional Logistic Regression
# %%
torch.manual_seed(1)
# %% [markdown]
Input dimension = 2
# %%
custom_2d_model = logistic_regression(2)
# %% [markdown]
or
# %%
sequential_2d_model = torch.nn.Sequential(
    torch.nn.Linear(2, 1),
    torch.nn.Sigmoid(),
)
# %%
print(list(sequential_model.parameters()))
# %% [markdown]
single sample
# %%
x = torch.tensor([[1.0, 1.0]])

yhat = sequential_2d_model(x)
yhat
# %% [markdown]
multiple samples
# %%
x = torch.tensor([
    [1.0, 1.0],
    [1.0, 2.0],
    [1.0, 3.0],
])

yhat = sequential_2d_model(x)
yhat
# %% [markdown]
### 5.2 Bernoulli Distribution Maximum Likelhood Estimation (MLE)
# %% [markdown]
#### Biased coin flip
$\theta = 0.2$

face | outcome | probability
:-----:|:-----:|:-----:
heads | `y = 1` | $$P(1)=0.2$$
tails | `y = 0` | $$P(0)=0.8$$
# %% [markdown]
likelihood

head | head | tail | likelihood
:----:|:----:|:----:|:----:
$$\theta$$ | $$\theta$$ | $$1-\theta$$ | $$\theta^2 (1-\theta) $$
0.2 | 0.2 | 0.8 | 0.032
# %% [markdown]
Bernoulli distribution
$$
p(y|\theta) = \theta ^ y (1 - \theta) ^ {1-y}
$$

face | outcome | probability
:-----:|:-----:|:-----:
heads | `y = 1` | $$p(y=1|\theta)=\theta ^ 1(1-\theta)^{1-1} = \theta$$
tails | `y = 0` | $$p(y=0|\theta)=\theta ^ 0(1-\theta)^{1-0} = (1-\theta)$$
# %% [markdown]
Likelihood function
$$
p(Y|\theta)=\prod_{n=1}^{N}{p\left(y_n|\theta\right)}
=\prod_{n=1}^{N}{\theta ^ {y_n} (1 - \theta) ^ {1-y_n}} \\
$$
# %% [markdown]
Maxizing likelihood
$$
\hat \theta = \underset{\theta}{argmax}(P(Y|\theta))
$$
# %% [markdown]
Maximizing the Log likelihood function
$$
\hat \theta = \underset{\theta}{argmax}(ln(P(Y|\theta)))
$$
# %% [markdown]
Log likelihood function
$$
l(\theta)
=ln(p(Y|\theta))
=\sum_{n=1}^{N}{y_n ln\theta +(1-y_n) ln(1 - \theta)}
$$
# %% [markdown]
### 5.3 Logistic Regression Cross Entropy Loss
# %% [markdown]
#### Problems with Mean Square Error (MSE)
* Can be flat in some regions
# %% [markdown]
Cost function
$$
l(w, b) = \frac{1}{N}\sum_{i=1}^{N}{
  \left(
    y_i-\sigma(w x_i+b)
  \right)^2
}
$$
Assume $w = 1$ to simplify
$$
l(b) = \frac{1}{N}\sum_{i=1}^{N}{
  \left(
    y_i-\sigma(x_i+b)
  \right)^2
}
$$
Also consider the threshold function
$$
l(b) = \frac{1}{N}\sum_{i=1}^{N}{
  \left(
    y_i-THR(x_i+b)
  \right)^2
}
$$
$b$ of the next training step
$$
b^2=b^1 - \eta \frac{d}{db}l(b^1)
$$
* With the threshold function, the cost function slope can be flat
* With the sigmoid $\sigma()$ function, the cost function would have slope
* Thus it will be easier to train
* Even so, in a higher dimensional space, some regions of the MSE cost functions may have flat slope
"""

COMPLETION = r"""
# %% [markdown]
#### Maximum Likelihood
# %% [markdown]
Flip the biased coin of 5.2 ($\theta = 0.2$) $N = 100$ times; `y = 1` is heads.
# %%
torch.manual_seed(0)

theta_true = 0.2
N = 100
Y = (torch.rand(N) < theta_true).float()

print(f'{int(Y.sum().item())} heads in {N} flips')
# %% [markdown]
Evaluate the log likelihood
$l(\theta)=\sum_{n=1}^{N}{y_n ln\theta +(1-y_n) ln(1 - \theta)}$
on a grid of $\theta$: one row per flip, one column per $\theta$, summed over the flips.
# %%
theta = torch.linspace(0.01, 0.99, 99, dtype=torch.float64)
y = Y.double().view(-1, 1)

log_likelihood = (y * torch.log(theta) + (1 - y) * torch.log(1 - theta)).sum(dim=0)

theta_hat = theta[torch.argmax(log_likelihood)]
print(f'argmax of l(theta) on the grid: {theta_hat.item():.2f}')
print(f'sample mean of y:               {Y.mean().item():.2f}')
# %% [markdown]
Setting the derivative to zero gives the maximum in closed form:
$$
\frac{d}{d\theta}l(\theta)
=\sum_{n=1}^{N}{\frac{y_n}{\theta} - \frac{1-y_n}{1-\theta}} = 0
\quad\Rightarrow\quad
\hat \theta = \frac{1}{N}\sum_{n=1}^{N}{y_n}
$$
The likelihood is maximised by the fraction of heads in the sample.
# %%
plt.figure()
plt.plot(theta.numpy(), log_likelihood.numpy())
plt.axvline(Y.mean().item(), color='k', linestyle='--', label='sample mean')
plt.axvline(theta_true, color='r', linestyle=':', label='true $\\theta$')
plt.xlabel('$\\theta$')
plt.ylabel('$l(\\theta)$')
plt.legend()
plt.grid(True)
plt.savefig('week03_mle.png')
# %% [markdown]
The same maximum found by gradient ascent: autograd computes $\frac{d}{d\theta}l(\theta)$,
and SGD minimises $-\frac{1}{N}l(\theta)$ starting from a fair coin.
# %%
theta_k = torch.tensor(0.5, requires_grad=True)
optimizer = torch.optim.SGD([theta_k], lr=0.1)

for step in range(100):
  loss = -torch.mean(Y * torch.log(theta_k) + (1 - Y) * torch.log(1 - theta_k))
  optimizer.zero_grad()
  loss.backward()
  optimizer.step()

print(f'theta after gradient ascent: {theta_k.item():.4f}')
# %% [markdown]
#### Logistic Regression Cross Entropy
# %% [markdown]
Logistic regression gives every sample its own coin: $\hat y_n = \sigma(w x_n + b)$ plays
the role of $\theta$. The likelihood of the labels and its logarithm are
$$
p(Y|w, b)=\prod_{n=1}^{N}{\hat y_n ^ {y_n} (1 - \hat y_n) ^ {1-y_n}},
\qquad
ln\,p(Y|w, b)=\sum_{n=1}^{N}{y_n ln\hat y_n +(1-y_n) ln(1 - \hat y_n)}
$$
Maximising the likelihood is minimising its negative mean, the **cross entropy** loss:
$$
l(w, b) = -\frac{1}{N}\sum_{n=1}^{N}{
  y_n ln \sigma(w x_n + b) + (1-y_n) ln\left(1 - \sigma(w x_n + b)\right)
}
$$
# %%
def cross_entropy(yhat, y):
  return -torch.mean(y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat))
# %% [markdown]
A one-dimensional data set: `y = 1` for $x > 0.2$, else `y = 0`.
# %%
class Data(torch.utils.data.Dataset):
  def __init__(self):
    self.x = torch.arange(-1, 1, 0.1).view(-1, 1)
    self.y = torch.zeros(self.x.shape[0], 1)
    self.y[self.x[:, 0] > 0.2] = 1
    self.len = self.x.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

data_set = Data()
data_set.y.view(-1)
# %% [markdown]
The hand-written loss against `nn.BCELoss`, values and gradients:
# %%
torch.manual_seed(1)
model = logistic_regression(1)
yhat = model(data_set.x)

loss_ce = cross_entropy(yhat, data_set.y)
loss_bce = torch.nn.BCELoss()(yhat, data_set.y)
print(loss_ce)
print(loss_bce)
# %%
params = [model.linear.weight, model.linear.bias]
print(torch.autograd.grad(loss_ce, params, retain_graph=True))
print(torch.autograd.grad(loss_bce, params))
# %% [markdown]
The gradient has a closed form: with $\sigma'(z) = \sigma(z)(1-\sigma(z))$ the sigmoid's
derivative cancels, leaving
$\frac{\partial l}{\partial w} = \frac{1}{N}\sum{(\hat y_n - y_n)x_n}$ and
$\frac{\partial l}{\partial b} = \frac{1}{N}\sum{(\hat y_n - y_n)}$.
# %%
with torch.no_grad():
  error = model(data_set.x) - data_set.y
  print(torch.mean(error * data_set.x), torch.mean(error))
# %% [markdown]
One difference: a prediction of exactly 0 or 1 puts $ln(0) = -\infty$ in the sum.
The formula then breaks ($0 \cdot (-\infty)$ is `nan`, and one `nan` makes the mean
`nan`), while `nn.BCELoss` clamps the logarithm at $-100$, so its loss stays finite.
# %%
yhat_certain = torch.tensor([[0.0], [0.0]])
y_certain = torch.tensor([[1.0], [0.0]])

print(cross_entropy(yhat_certain, y_certain))
print(torch.nn.BCELoss()(yhat_certain, y_certain))
print(torch.nn.BCELoss(reduction='none')(yhat_certain, y_certain))
# %% [markdown]
The two loss surfaces $l(w, b)$ for this data set, MSE and cross entropy, computed on a
grid of $(w, b)$ at once by broadcasting: `(w, 1, 1) * (1, 1, N) + (1, b, 1)`.
The plots colour them by the logarithm of the loss.
# %%
w_grid = torch.linspace(-20, 20, 81)
b_grid = torch.linspace(-20, 20, 81)

x_ = data_set.x.view(1, 1, -1)
y_ = data_set.y.view(1, 1, -1)
yhat_ = torch.sigmoid(w_grid.view(-1, 1, 1) * x_ + b_grid.view(1, -1, 1))

mse_surface = torch.mean((y_ - yhat_) ** 2, dim=2)
ce_surface = torch.mean(
    torch.nn.BCELoss(reduction='none')(yhat_, y_.expand(yhat_.shape)), dim=2
)
print(mse_surface.shape, ce_surface.shape)
# %%
def plot_surfaces(mse_path=None, ce_path=None):
  fig, axes = plt.subplots(1, 2, figsize=(12, 5))
  panels = [('MSE', mse_surface, mse_path), ('cross entropy', ce_surface, ce_path)]
  for ax, (name, surface, path) in zip(axes, panels):
    log_loss = torch.log(surface).T.numpy()
    image = ax.contourf(w_grid.numpy(), b_grid.numpy(), log_loss, levels=30)
    fig.colorbar(image, ax=ax, label='ln(loss)')
    if path is not None:
      w, b = zip(*path)
      ax.plot(w, b, 'r.-', label=f'{name}: {len(path) - 1} epochs')
      ax.legend()
    ax.set_title(f'{name} loss surface')
    ax.set_xlabel('w')
    ax.set_ylabel('b')
  fig.tight_layout()

plot_surfaces()
plt.savefig('week03_loss_surfaces.png')
# %% [markdown]
The MSE surface has wide plateaus: wherever the sigmoid saturates, moving $w$ or $b$
hardly changes $\hat y$, so the loss is flat, even where all predictions are wrong.
The cross entropy surface keeps a slope that points to the minimum.
# %% [markdown]
#### PyTorch
# %% [markdown]
Train the same logistic regression from the same bad initialisation $w = -5$,
$b = -10$ (every prediction is almost 0) with `nn.MSELoss` and with `nn.BCELoss`,
full-batch gradient descent, recording $(w, b)$ after each epoch.
# %%
def train(criterion, w=-5.0, b=-10.0, lr=2.0, n_epoch=100):
  model = logistic_regression(1)
  model.state_dict()['linear.weight'][0] = w
  model.state_dict()['linear.bias'][0] = b
  optimizer = torch.optim.SGD(model.parameters(), lr=lr)
  trainloader = torch.utils.data.DataLoader(dataset=data_set, batch_size=len(data_set))

  LOSS, path = [], [(w, b)]
  for epoch in range(n_epoch):
    for x, y in trainloader:
      loss = criterion(model(x), y)
      LOSS.append(loss.item())
      optimizer.zero_grad()
      loss.backward()
      optimizer.step()
    path.append((model.linear.weight.item(), model.linear.bias.item()))
  return model, LOSS, path

mse_model, mse_LOSS, mse_path = train(torch.nn.MSELoss())
ce_model, ce_LOSS, ce_path = train(torch.nn.BCELoss())
# %%
print(list(mse_model.parameters()))
print(list(ce_model.parameters()))
# %%
def accuracy(model):
  with torch.no_grad():
    yhat = model(data_set.x)
  return ((yhat > 0.5).float() == data_set.y).float().mean().item()

print(f'MSE:           accuracy {accuracy(mse_model):.2f}')
print(f'cross entropy: accuracy {accuracy(ce_model):.2f}')
# %%
plot_surfaces(mse_path, ce_path)
plt.savefig('week03_trajectories.png')
# %%
plt.figure()
plt.semilogy(mse_LOSS, label='MSE')
plt.semilogy(ce_LOSS, label='cross entropy')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.legend()
plt.grid(True)
plt.savefig('week03_training_loss.png')
# %% [markdown]
Why MSE stalls: by the chain rule through $\hat y_n = \sigma(z_n)$, $z_n = w x_n + b$,
$$
\frac{\partial l_{MSE}}{\partial z_n} = \frac{2}{N}(\hat y_n - y_n)\,\hat y_n(1-\hat y_n),
\qquad
\frac{\partial l_{CE}}{\partial z_n} = \frac{1}{N}(\hat y_n - y_n)
$$
The MSE gradient carries the factor $\sigma'(z_n) = \hat y_n(1-\hat y_n)$, which vanishes
when the sigmoid saturates, on the wrong side as well as on the right one. At the bad
initialisation the gradients differ by orders of magnitude:
# %%
for criterion in [torch.nn.MSELoss(), torch.nn.BCELoss()]:
  model = logistic_regression(1)
  model.state_dict()['linear.weight'][0] = -5.0
  model.state_dict()['linear.bias'][0] = -10.0
  criterion(model(data_set.x), data_set.y).backward()
  print(type(criterion).__name__, model.linear.weight.grad, model.linear.bias.grad)
"""


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(ALIAS, COURSE, COMPLETION)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
